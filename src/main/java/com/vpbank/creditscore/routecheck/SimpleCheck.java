package com.vpbank.creditscore.routecheck;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Language;

/**
 * The simple expressions of the routes: each must parse, may call only methods the exchange
 * has, and the exchange properties it reads are noted. Property placeholders are resolved
 * first; one that cannot be is a problem of its own.
 */
final class SimpleCheck {

    static final Pattern SIMPLE_FUNCTION = Pattern.compile("\\$\\{([^{}]*)}");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}");
    private static final Pattern PROPERTY_READ = Pattern.compile(
            "(?:exchangeProperty|exchangePropertyAs)(?:\\.|\\(\\s*'?|\\[\\s*'?)([A-Za-z0-9_-]+)");
    private static final Pattern EXCHANGE_OGNL = Pattern.compile("exchangeOgnl\\(\\s*([A-Za-z_][\\w]*)");

    private final CamelContext context;
    private final RouteFindings findings;

    SimpleCheck(CamelContext context, RouteFindings findings) {
        this.context = context;
        this.findings = findings;
    }

    /** A simple expression or template: it must parse, and the properties it reads are noted. */
    void simple(String text, String where) {
        if (text == null) {
            return;
        }
        String resolved = resolvePlaceholders(text, where);
        if (resolved == null) {
            return;
        }
        Language simple = context.resolveLanguage("simple");
        String parsed;
        try {
            parsed = String.valueOf(text.contains("${") && looksLikePredicate(resolved)
                    ? simple.createPredicate(resolved) : simple.createExpression(resolved));
        } catch (RuntimeException e) {
            findings.add(where, "the simple expression " + quote(text) + " does not parse: "
                    + firstLine(e.getMessage()));
            return;
        }
        Matcher ognl = EXCHANGE_OGNL.matcher(parsed);
        while (ognl.find()) {
            if (!exchangeHas(ognl.group(1))) {
                findings.add(where, "the simple expression " + quote(text)
                        + " calls '" + ognl.group(1) + "' on the exchange, which has no such method"
                        + " (a misspelt function such as exchangeProperty?)");
            }
        }
        readsProperties(text, where);
    }

    /** The ${...} parts of a text that is not itself simple (a method's arguments, a dynamic URI). */
    void simpleParts(String text, String where) {
        if (text == null) {
            return;
        }
        Matcher function = SIMPLE_FUNCTION.matcher(text);
        while (function.find()) {
            simple(function.group(), where);
        }
    }

    private void readsProperties(String text, String where) {
        Matcher read = PROPERTY_READ.matcher(text);
        while (read.find()) {
            String name = read.group(1);
            // ${exchangeProperty.search.customerId()}: the property is the first name.
            findings.readsProperty(name, where);
        }
    }

    String resolvePlaceholders(String text, String where) {
        if (!PLACEHOLDER.matcher(text).find()) {
            return text;
        }
        try {
            return context.resolvePropertyPlaceholders(text);
        } catch (RuntimeException e) {
            findings.add(where, quote(text) + ": " + firstLine(e.getMessage()));
            return null;
        }
    }

    private static boolean looksLikePredicate(String text) {
        return text.matches("(?s).*}\\s*(==|!=|>|<|>=|<=|contains|not contains|regex|in|range|is|&&|\\|\\|).*")
                || text.matches("(?s)^\\s*'.*'\\s*(==|!=).*");
    }

    private static boolean exchangeHas(String name) {
        String upper = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return Arrays.stream(Exchange.class.getMethods()).map(Method::getName).anyMatch(method ->
                method.equals(name) || method.equals("get" + upper) || method.equals("is" + upper));
    }

    static String quote(String text) {
        return "'" + text.strip() + "'";
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

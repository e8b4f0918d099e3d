package com.vpbank.creditscore.routecheck;

import com.vpbank.creditscore.route.ModelArgument;
import com.vpbank.creditscore.route.RoleArgument;
import com.vpbank.creditscore.route.RouteProperties;
import com.vpbank.creditscore.model.RequiredModels;
import com.vpbank.creditscore.security.Role;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.net.URISyntaxException;
import org.apache.camel.CamelContext;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.catalog.RuntimeCamelCatalog;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.LogDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.MulticastDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.SetPropertyDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.model.language.MethodCallExpression;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.spi.Language;
import org.apache.camel.spi.Resource;

/**
 * Reads every route, route configuration and REST definition the service loaded, before
 * any of them starts, and finds the mistakes that Camel itself would only meet on a request:
 * a bean or method that does not exist, a method given the wrong number of arguments, a
 * role that is not one of the service's, a {@code direct:} endpoint no route consumes, a
 * simple expression that does not parse or calls a method the exchange lacks, an exchange
 * property that is read but never set (or set and never read). The model names the routes
 * give are collected into {@link RequiredModels}, which the model registries hold every
 * bundle to. Each problem names the route file and line.
 */
public final class RouteCheck {

    private static final Pattern METHOD_CALL = Pattern.compile("^\\s*([A-Za-z_$][\\w$]*)\\s*(?:\\((.*)\\))?\\s*$",
            Pattern.DOTALL);
    private static final Pattern SIMPLE_FUNCTION = Pattern.compile("\\$\\{([^{}]*)}");
    private static final Pattern PROPERTY_READ = Pattern.compile(
            "(?:exchangeProperty|exchangePropertyAs)(?:\\.|\\(\\s*'?|\\[\\s*'?)([A-Za-z0-9_-]+)");
    private static final Pattern EXCHANGE_OGNL = Pattern.compile("exchangeOgnl\\(\\s*([A-Za-z_][\\w]*)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}");

    private final CamelContext context;
    private final RequiredModels requiredModels;
    private final List<RouteProblem> problems = new ArrayList<>();
    private final Set<String> directConsumers = new LinkedHashSet<>();
    private final Map<String, String> directProducers = new LinkedHashMap<>();
    private final Map<String, String> propertiesSet = new LinkedHashMap<>();
    private final Map<String, String> propertiesRead = new LinkedHashMap<>();

    public RouteCheck(CamelContext context, RequiredModels requiredModels) {
        this.context = context;
        this.requiredModels = requiredModels;
    }

    /** Every problem of the loaded routes; empty when they hold together. */
    public List<RouteProblem> problems() {
        ModelCamelContext model = (ModelCamelContext) context;
        for (RouteConfigurationDefinition configuration : model.getRouteConfigurationDefinitions()) {
            for (OnExceptionDefinition onException : configuration.getOnExceptions()) {
                walk(onException, configuration.getResource(), "route configuration " + configuration.getId());
            }
        }
        for (RouteDefinition route : model.getRouteDefinitions()) {
            String uri = route.getInput() == null ? null : route.getInput().getEndpointUri();
            if (uri != null && uri.startsWith("direct:")) {
                directConsumers.add(endpointName(uri));
            }
            for (ProcessorDefinition<?> step : route.getOutputs()) {
                walk(step, route.getResource(), "route " + route.getRouteId());
            }
        }
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                if (verb.getTo() != null) {
                    sends(verb.getTo().getUri(), where(verb, rest.getResource(), "rest " + verb.getPath()));
                }
            }
        }
        directProducers.forEach((name, where) -> {
            if (!directConsumers.contains(name)) {
                problems.add(new RouteProblem(where, "sends to direct:" + name + ", which no route consumes"
                        + " (routes consume: " + String.join(", ", directConsumers) + ")"));
            }
        });
        Set<String> known = new LinkedHashSet<>(RouteProperties.names());
        known.addAll(propertiesSet.keySet());
        propertiesRead.forEach((name, where) -> {
            if (!known.contains(name) && !name.startsWith("Camel")) {
                problems.add(new RouteProblem(where, "reads the exchange property '" + name
                        + "', which no route sets and no bean provides (known: " + String.join(", ", known) + ")"));
            }
        });
        propertiesSet.forEach((name, where) -> {
            if (!RouteProperties.names().contains(name) && !propertiesRead.containsKey(name)) {
                problems.add(new RouteProblem(where, "sets the exchange property '" + name
                        + "', which no route reads and no bean takes (beans take: "
                        + String.join(", ", RouteProperties.names()) + ")"));
            }
        });
        return List.copyOf(problems);
    }

    private void walk(ProcessorDefinition<?> step, Resource resource, String owner) {
        String where = where(step, resource, owner);
        if (step instanceof BeanDefinition bean) {
            beanCall(bean.getRef(), bean.getMethod(), where);
        }
        if (step instanceof ExpressionNode node && node.getExpression() != null) {
            expression(node.getExpression(), where);
        }
        if (step instanceof SetPropertyDefinition setProperty && setProperty.getName() != null) {
            propertiesSet.putIfAbsent(setProperty.getName(), where);
        }
        if (step instanceof LogDefinition log && log.getMessage() != null) {
            simple(log.getMessage(), where);
        }
        if (step instanceof ToDynamicDefinition dynamic) {
            sends(dynamic.getUri(), where);
            simpleParts(dynamic.getUri(), where);
            endpointOptions(dynamic.getUri(), where);
        } else if (step instanceof SendDefinition<?> send) {
            sends(send.getUri(), where);
            endpointOptions(send.getUri(), where);
        }
        if (step instanceof MulticastDefinition multicast) {
            beanExists(multicast.getAggregationStrategy(), where);
            String pool = multicast.getExecutorService();
            if (pool != null && context.getExecutorServiceManager().getThreadPoolProfile(pool) == null) {
                beanExists(pool, where);
            }
        }
        if (step instanceof OnExceptionDefinition onException) {
            for (String exception : onException.getExceptions()) {
                try {
                    context.getClassResolver().resolveMandatoryClass(exception);
                } catch (ClassNotFoundException e) {
                    problems.add(new RouteProblem(where, "onException names the class " + exception
                            + ", which does not exist"));
                }
            }
            if (onException.getOnWhen() != null) {
                expression(onException.getOnWhen().getExpression(), where);
            }
        }
        if (step instanceof ChoiceDefinition choice) {
            for (WhenDefinition when : choice.getWhenClauses()) {
                if (when.getExpression() != null) {
                    expression(when.getExpression(), where(when, resource, owner));
                }
                walkAll(when.getOutputs(), resource, owner);
            }
            if (choice.getOtherwise() != null) {
                walkAll(choice.getOtherwise().getOutputs(), resource, owner);
            }
            return;
        }
        walkAll(step.getOutputs(), resource, owner);
    }

    private void walkAll(List<ProcessorDefinition<?>> steps, Resource resource, String owner) {
        for (ProcessorDefinition<?> step : steps) {
            walk(step, resource, owner);
        }
    }

    private void expression(ExpressionDefinition expression, String where) {
        if (expression instanceof MethodCallExpression call) {
            beanCall(call.getRef(), call.getMethod(), where);
            return;
        }
        String language = expression.getLanguage();
        if ("simple".equals(language)) {
            simple(expression.getExpression(), where);
        } else if (language != null && context.getLanguageNames().stream().noneMatch(language::equals)) {
            try {
                context.resolveLanguage(language);
            } catch (RuntimeException e) {
                problems.add(new RouteProblem(where, "uses the language '" + language + "', which is not available"));
            }
        }
    }

    /** A simple expression or template: it must parse, and the properties it reads are noted. */
    private void simple(String text, String where) {
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
            problems.add(new RouteProblem(where, "the simple expression " + quote(text) + " does not parse: "
                    + firstLine(e.getMessage())));
            return;
        }
        Matcher ognl = EXCHANGE_OGNL.matcher(parsed);
        while (ognl.find()) {
            if (!exchangeHas(ognl.group(1))) {
                problems.add(new RouteProblem(where, "the simple expression " + quote(text)
                        + " calls '" + ognl.group(1) + "' on the exchange, which has no such method"
                        + " (a misspelt function such as exchangeProperty?)"));
            }
        }
        readsProperties(text, where);
    }

    /** The ${...} parts of a text that is not itself simple (a method's arguments, a dynamic URI). */
    private void simpleParts(String text, String where) {
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
            propertiesRead.putIfAbsent(name, where);
        }
    }

    private void beanCall(String ref, String method, String where) {
        if (ref == null) {
            return;
        }
        Object bean = beanExists(ref, where);
        if (bean == null || method == null) {
            return;
        }
        Matcher call = METHOD_CALL.matcher(method);
        if (!call.matches()) {
            problems.add(new RouteProblem(where, "the method " + quote(method) + " of bean '" + ref
                    + "' is not a method name with optional arguments"));
            return;
        }
        String name = call.group(1);
        List<Method> named = Arrays.stream(bean.getClass().getMethods())
                .filter(candidate -> candidate.getName().equals(name) && !Modifier.isStatic(candidate.getModifiers()))
                .toList();
        if (named.isEmpty()) {
            problems.add(new RouteProblem(where, "bean '" + ref + "' (" + bean.getClass().getSimpleName()
                    + ") has no method '" + name + "'; its methods: " + String.join(", ", methodNames(bean))));
            return;
        }
        if (call.group(2) == null) {
            return;
        }
        List<String> arguments = arguments(call.group(2));
        List<Method> fitting = named.stream().filter(candidate -> candidate.getParameterCount() == arguments.size())
                .toList();
        if (fitting.isEmpty()) {
            problems.add(new RouteProblem(where, "bean '" + ref + "' method '" + name + "' takes "
                    + named.stream().map(m -> Integer.toString(m.getParameterCount())).distinct().toList()
                    + " arguments, the route gives " + arguments.size()));
            return;
        }
        Parameter[] parameters = fitting.get(0).getParameters();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.contains("${")) {
                simpleParts(argument, where);
            }
            String literal = literal(argument);
            if (literal == null) {
                continue;
            }
            if (parameters[i].isAnnotationPresent(ModelArgument.class)) {
                for (String model : literal.split(",")) {
                    requiredModels.add(model.trim(), where);
                }
            }
            if (parameters[i].isAnnotationPresent(RoleArgument.class)) {
                try {
                    Role.parse(literal);
                } catch (IllegalArgumentException e) {
                    problems.add(new RouteProblem(where, "bean '" + ref + "' method '" + name + "': "
                            + e.getMessage()));
                }
            }
        }
    }

    private Object beanExists(String ref, String where) {
        if (ref == null) {
            return null;
        }
        String name = ref.startsWith("#") ? ref.substring(ref.startsWith("#bean:") ? 6 : 1) : ref;
        if (name.startsWith("class:") || name.startsWith("type:")) {
            return null;
        }
        Object bean = context.getRegistry().lookupByName(name);
        if (bean == null) {
            problems.add(new RouteProblem(where, "names the bean '" + name + "', which does not exist"));
        }
        return bean;
    }

    private void sends(String uri, String where) {
        if (uri == null || !uri.startsWith("direct:") || uri.contains("${")) {
            return;
        }
        String resolved = resolvePlaceholders(uri, where);
        if (resolved != null) {
            directProducers.putIfAbsent(endpointName(resolved), where);
        }
    }

    /**
     * The endpoint's options by Camel's catalog of the component (its own metadata): an
     * unknown option or a value of the wrong kind. A dynamic URI is checked with each ${...}
     * taken as a plain value, so that a toD's options are checked before its first message.
     */
    private void endpointOptions(String uri, String where) {
        if (uri == null) {
            return;
        }
        // A setting left empty (no bucket without S3) is taken as a plain value too.
        StringBuilder resolved = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(uri);
        while (placeholder.find()) {
            String value = resolvePlaceholders(placeholder.group(), where);
            if (value == null) {
                return;
            }
            placeholder.appendReplacement(resolved, Matcher.quoteReplacement(value.isEmpty() ? "x" : value));
        }
        placeholder.appendTail(resolved);
        String plain = SIMPLE_FUNCTION.matcher(resolved).replaceAll("x");
        int colon = plain.indexOf(':');
        if (colon <= 0) {
            return;
        }
        String scheme = plain.substring(0, colon);
        RuntimeCamelCatalog catalog = context.getCamelContextExtension().getContextPlugin(RuntimeCamelCatalog.class);
        if (catalog == null || catalog.componentJSonSchema(scheme) == null) {
            problems.add(new RouteProblem(where, "the endpoint " + quote(uri) + " names the component '" + scheme
                    + "', which the service does not have"));
            return;
        }
        try {
            EndpointValidationResult result = catalog.validateProperties(scheme, catalog.endpointProperties(plain));
            if (!result.isSuccess()) {
                problems.add(new RouteProblem(where, "the endpoint " + quote(uri) + ": "
                        + result.summaryErrorMessage(false, false, false).strip().replaceAll("\\s+", " ")));
            }
        } catch (URISyntaxException | RuntimeException e) {
            problems.add(new RouteProblem(where, "the endpoint " + quote(uri) + " is not a valid URI: " + e.getMessage()));
        }
    }

    private String resolvePlaceholders(String text, String where) {
        if (!PLACEHOLDER.matcher(text).find()) {
            return text;
        }
        try {
            return context.resolvePropertyPlaceholders(text);
        } catch (RuntimeException e) {
            problems.add(new RouteProblem(where, quote(text) + ": " + firstLine(e.getMessage())));
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

    private static List<String> methodNames(Object bean) {
        return Arrays.stream(bean.getClass().getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers()))
                .map(Method::getName).distinct().sorted().toList();
    }

    /** Splits a method's arguments at the commas outside quotes, brackets and ${...}. */
    static List<String> arguments(String text) {
        List<String> arguments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                arguments.add(current.toString().trim());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (!current.isEmpty() || !arguments.isEmpty()) {
            arguments.add(current.toString().trim());
        }
        return arguments;
    }

    private static String literal(String argument) {
        if (argument.length() >= 2 && (argument.startsWith("'") && argument.endsWith("'")
                || argument.startsWith("\"") && argument.endsWith("\""))) {
            return argument.substring(1, argument.length() - 1);
        }
        return null;
    }

    private static String endpointName(String uri) {
        String name = uri.substring("direct:".length());
        if (name.startsWith("//")) {
            name = name.substring(2);
        }
        int options = name.indexOf('?');
        return options < 0 ? name : name.substring(0, options);
    }

    private static String where(NamedNode node, Resource resource, String owner) {
        String file = node.getLocation();
        int line = node.getLineNumber();
        if (file == null && resource != null) {
            file = resource.getLocation();
        }
        file = file == null ? "(unknown file)" : file.replaceFirst("^file:", "");
        return file + (line > 0 ? ":" + line : "") + " (" + owner + ")";
    }

    private static String quote(String text) {
        return "'" + text.strip() + "'";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

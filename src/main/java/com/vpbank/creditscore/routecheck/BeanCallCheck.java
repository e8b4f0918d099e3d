package com.vpbank.creditscore.routecheck;

import com.vpbank.creditscore.model.RequiredModels;
import com.vpbank.creditscore.route.ModelArgument;
import com.vpbank.creditscore.route.RoleArgument;
import com.vpbank.creditscore.security.Role;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;

/**
 * The bean calls of the routes: the bean exists, has the method, takes as many arguments as
 * the route gives; a role argument is one of the service's roles; a model argument is noted
 * in {@link RequiredModels}; the simple parts of the arguments are checked too.
 */
final class BeanCallCheck {

    private static final Pattern METHOD_CALL = Pattern.compile("^\\s*([A-Za-z_$][\\w$]*)\\s*(?:\\((.*)\\))?\\s*$",
            Pattern.DOTALL);

    private final CamelContext context;
    private final RouteFindings findings;
    private final SimpleCheck simple;
    private final RequiredModels requiredModels;

    BeanCallCheck(CamelContext context, RouteFindings findings, SimpleCheck simple, RequiredModels requiredModels) {
        this.context = context;
        this.findings = findings;
        this.simple = simple;
        this.requiredModels = requiredModels;
    }

    void beanCall(String ref, String method, String where) {
        if (ref == null) {
            return;
        }
        Object bean = beanExists(ref, where);
        if (bean == null || method == null) {
            return;
        }
        Matcher call = METHOD_CALL.matcher(method);
        if (!call.matches()) {
            findings.add(where, "the method " + SimpleCheck.quote(method) + " of bean '" + ref
                    + "' is not a method name with optional arguments");
            return;
        }
        String name = call.group(1);
        List<Method> named = Arrays.stream(bean.getClass().getMethods())
                .filter(candidate -> candidate.getName().equals(name) && !Modifier.isStatic(candidate.getModifiers()))
                .toList();
        if (named.isEmpty()) {
            findings.add(where, "bean '" + ref + "' (" + bean.getClass().getSimpleName()
                    + ") has no method '" + name + "'; its methods: " + String.join(", ", methodNames(bean)));
            return;
        }
        if (call.group(2) == null) {
            return;
        }
        List<String> arguments = arguments(call.group(2));
        List<Method> fitting = named.stream().filter(candidate -> candidate.getParameterCount() == arguments.size())
                .toList();
        if (fitting.isEmpty()) {
            findings.add(where, "bean '" + ref + "' method '" + name + "' takes "
                    + named.stream().map(m -> Integer.toString(m.getParameterCount())).distinct().toList()
                    + " arguments, the route gives " + arguments.size());
            return;
        }
        Parameter[] parameters = fitting.get(0).getParameters();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.contains("${")) {
                simple.simpleParts(argument, where);
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
                    findings.add(where, "bean '" + ref + "' method '" + name + "': "
                            + e.getMessage());
                }
            }
        }
    }

    Object beanExists(String ref, String where) {
        if (ref == null) {
            return null;
        }
        String name = ref.startsWith("#") ? ref.substring(ref.startsWith("#bean:") ? 6 : 1) : ref;
        if (name.startsWith("class:") || name.startsWith("type:")) {
            return null;
        }
        Object bean = context.getRegistry().lookupByName(name);
        if (bean == null) {
            findings.add(where, "names the bean '" + name + "', which does not exist");
        }
        return bean;
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
}

package com.vpbank.creditscore.routecheck;

import com.vpbank.creditscore.model.RequiredModels;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.LogDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.MulticastDefinition;
import org.apache.camel.model.OnCompletionDefinition;
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

    private final CamelContext context;
    private final RouteFindings findings = new RouteFindings();
    private final SimpleCheck simple;
    private final BeanCallCheck beans;
    private final EndpointCheck endpoints;

    public RouteCheck(CamelContext context, RequiredModels requiredModels) {
        this.context = context;
        this.simple = new SimpleCheck(context, findings);
        this.beans = new BeanCallCheck(context, findings, simple, requiredModels);
        this.endpoints = new EndpointCheck(context, findings, simple);
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
                findings.consumes(EndpointCheck.endpointName(uri));
            }
            for (ProcessorDefinition<?> step : route.getOutputs()) {
                walk(step, route.getResource(), "route " + route.getRouteId());
            }
        }
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                if (verb.getTo() != null) {
                    endpoints.sends(verb.getTo().getUri(), where(verb, rest.getResource(), "rest " + verb.getPath()));
                }
            }
        }
        return findings.problems();
    }

    private void walk(ProcessorDefinition<?> step, Resource resource, String owner) {
        String where = where(step, resource, owner);
        if (step instanceof BeanDefinition bean) {
            beans.beanCall(bean.getRef(), bean.getMethod(), where);
        }
        if (step instanceof ExpressionNode node && node.getExpression() != null) {
            expression(node.getExpression(), where);
        }
        if (step instanceof SetPropertyDefinition setProperty && setProperty.getName() != null) {
            findings.setsProperty(setProperty.getName(), where);
        }
        if (step instanceof LogDefinition log && log.getMessage() != null) {
            simple.simple(log.getMessage(), where);
        }
        if (step instanceof ToDynamicDefinition dynamic) {
            endpoints.sends(dynamic.getUri(), where);
            simple.simpleParts(dynamic.getUri(), where);
            endpoints.endpointOptions(dynamic.getUri(), where);
        } else if (step instanceof SendDefinition<?> send) {
            endpoints.sends(send.getUri(), where);
            endpoints.endpointOptions(send.getUri(), where);
        }
        if (step instanceof MulticastDefinition multicast) {
            beans.beanExists(multicast.getAggregationStrategy(), where);
            String pool = multicast.getExecutorService();
            if (pool != null && context.getExecutorServiceManager().getThreadPoolProfile(pool) == null) {
                beans.beanExists(pool, where);
            }
        }
        if (step instanceof OnExceptionDefinition onException) {
            for (String exception : onException.getExceptions()) {
                try {
                    context.getClassResolver().resolveMandatoryClass(exception);
                } catch (ClassNotFoundException e) {
                    findings.add(where, "onException names the class " + exception + ", which does not exist");
                }
            }
            if (onException.getOnWhen() != null) {
                expression(onException.getOnWhen().getExpression(), where);
            }
        }
        if (step instanceof OnCompletionDefinition onCompletion && onCompletion.getOnWhen() != null) {
            expression(onCompletion.getOnWhen().getExpression(), where);
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
            beans.beanCall(call.getRef(), call.getMethod(), where);
            return;
        }
        String language = expression.getLanguage();
        if ("simple".equals(language)) {
            simple.simple(expression.getExpression(), where);
        } else if (language != null && context.getLanguageNames().stream().noneMatch(language::equals)) {
            try {
                context.resolveLanguage(language);
            } catch (RuntimeException e) {
                findings.add(where, "uses the language '" + language + "', which is not available");
            }
        }
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
}

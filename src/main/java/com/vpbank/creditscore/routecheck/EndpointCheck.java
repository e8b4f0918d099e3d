package com.vpbank.creditscore.routecheck;

import java.net.URISyntaxException;
import java.util.regex.Matcher;
import org.apache.camel.CamelContext;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.catalog.RuntimeCamelCatalog;

/**
 * The endpoints the routes send to: each direct: endpoint is noted for the consumer check,
 * and each endpoint's options are validated by its component's own catalog.
 */
final class EndpointCheck {

    private final CamelContext context;
    private final RouteFindings findings;
    private final SimpleCheck simple;

    EndpointCheck(CamelContext context, RouteFindings findings, SimpleCheck simple) {
        this.context = context;
        this.findings = findings;
        this.simple = simple;
    }

    void sends(String uri, String where) {
        if (uri == null || !uri.startsWith("direct:") || uri.contains("${")) {
            return;
        }
        String resolved = simple.resolvePlaceholders(uri, where);
        if (resolved != null) {
            findings.sendsTo(endpointName(resolved), where);
        }
    }

    /**
     * The endpoint's options by Camel's catalog of the component (its own metadata): an
     * unknown option or a value of the wrong kind. A dynamic URI is checked with each ${...}
     * taken as a plain value, so that a toD's options are checked before its first message.
     */
    void endpointOptions(String uri, String where) {
        if (uri == null) {
            return;
        }
        // A setting left empty (no bucket without S3) is taken as a plain value too.
        StringBuilder resolved = new StringBuilder();
        Matcher placeholder = SimpleCheck.PLACEHOLDER.matcher(uri);
        while (placeholder.find()) {
            String value = simple.resolvePlaceholders(placeholder.group(), where);
            if (value == null) {
                return;
            }
            placeholder.appendReplacement(resolved, Matcher.quoteReplacement(value.isEmpty() ? "x" : value));
        }
        placeholder.appendTail(resolved);
        String plain = SimpleCheck.SIMPLE_FUNCTION.matcher(resolved).replaceAll("x");
        int colon = plain.indexOf(':');
        if (colon <= 0) {
            return;
        }
        String scheme = plain.substring(0, colon);
        RuntimeCamelCatalog catalog = context.getCamelContextExtension().getContextPlugin(RuntimeCamelCatalog.class);
        if (catalog == null || catalog.componentJSonSchema(scheme) == null) {
            findings.add(where, "the endpoint " + SimpleCheck.quote(uri) + " names the component '" + scheme
                    + "', which the service does not have");
            return;
        }
        try {
            EndpointValidationResult result = catalog.validateProperties(scheme, catalog.endpointProperties(plain));
            if (!result.isSuccess()) {
                findings.add(where, "the endpoint " + SimpleCheck.quote(uri) + ": "
                        + result.summaryErrorMessage(false, false, false).strip().replaceAll("\\s+", " "));
            }
        } catch (URISyntaxException | RuntimeException e) {
            findings.add(where, "the endpoint " + SimpleCheck.quote(uri) + " is not a valid URI: " + e.getMessage());
        }
    }

    static String endpointName(String uri) {
        String name = uri.substring("direct:".length());
        if (name.startsWith("//")) {
            name = name.substring(2);
        }
        int options = name.indexOf('?');
        return options < 0 ? name : name.substring(0, options);
    }
}

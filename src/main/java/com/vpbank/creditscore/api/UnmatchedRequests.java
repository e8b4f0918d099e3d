package com.vpbank.creditscore.api;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.Header;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.model.ModelCamelContext;

/**
 * Answers a request that no API path takes: 405 when the path exists for other methods
 * (with the methods it allows), else 404. The paths are those of the REST DSL routes,
 * templated ones ({@code /runs/{run_id}}) included.
 */
public final class UnmatchedRequests {

    private final CamelContext context;

    public UnmatchedRequests(CamelContext context) {
        this.context = context;
    }

    public void refuse(@Header("CamelHttpPath") String path, @Header("CamelHttpMethod") String method) {
        Set<String> allowed = allowedMethods(path);
        if (!allowed.isEmpty()) {
            throw new ApiException(405, "Method " + method + " is not allowed on " + path + ".",
                    Map.of("allowed", allowed));
        }
        throw new ApiException(404, "No resource at " + path + ".", null);
    }

    private Set<String> allowedMethods(String path) {
        Set<String> methods = new TreeSet<>();
        for (RestDefinition rest : ((ModelCamelContext) context).getRestDefinitions()) {
            String base = rest.getPath() == null ? "" : rest.getPath();
            for (VerbDefinition verb : rest.getVerbs()) {
                String full = (base + "/" + (verb.getPath() == null ? "" : verb.getPath())).replaceAll("/+", "/");
                if (matches(full, path)) {
                    methods.add(verb.asVerb().toUpperCase());
                }
            }
        }
        return methods;
    }

    /** Whether a request path is a REST path, a templated one ({@code /runs/{run_id}}) included. */
    static boolean matches(String restPath, String path) {
        if (path == null) {
            return false;
        }
        String[] template = restPath.split("/", -1);
        String[] parts = (path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path)
                .split("/", -1);
        if (template.length != parts.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            boolean variable = template[i].startsWith("{") && template[i].endsWith("}");
            if (variable ? parts[i].isEmpty() : !template[i].equals(parts[i])) {
                return false;
            }
        }
        return true;
    }
}

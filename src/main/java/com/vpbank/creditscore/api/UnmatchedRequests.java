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
 * (with the methods it allows), else 404. The paths are those of the REST DSL routes.
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
                if (full.equals(path) || (full + "/").equals(path)) {
                    methods.add(verb.asVerb().toUpperCase());
                }
            }
        }
        return methods;
    }
}

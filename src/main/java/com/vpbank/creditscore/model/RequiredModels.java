package com.vpbank.creditscore.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model names the routes call, each with the place of its first mention
 * ({@code routes/predict.camel.yaml:74}), collected once at start-up. A bundle that lacks
 * one of them is refused, so that a misspelt name or a missing folder stops the service or
 * the reload instead of dropping that model's score without a word.
 */
public final class RequiredModels {

    private final Map<String, String> names = new LinkedHashMap<>();

    /** None required: every bundle passes; for tools and tests that use a registry without routes. */
    public static RequiredModels none() {
        return new RequiredModels();
    }

    /** Records that a route names {@code name} at {@code where}. */
    public synchronized void add(String name, String where) {
        names.putIfAbsent(name, where);
    }

    public synchronized Set<String> names() {
        return Set.copyOf(names.keySet());
    }

    /** A model the routes call that a bundle lacks: where a route names it, and what is wrong. */
    public record Missing(String where, String message) {
    }

    /** Each name the routes call that is not among {@code available}, with where a route names it. */
    public synchronized List<Missing> missingFrom(Set<String> available) {
        return names.entrySet().stream()
                .filter(entry -> !available.contains(entry.getKey()))
                .map(entry -> new Missing(entry.getValue(), "names model '" + entry.getKey()
                        + "', which the bundle does not hold (it holds " + String.join(", ", available) + ")"))
                .toList();
    }

    /** Refuses a bundle that lacks a model the routes call, naming the route file and the model. */
    public void check(ModelBundle bundle) {
        List<Missing> missing = missingFrom(bundle.names());
        if (!missing.isEmpty()) {
            throw new ModelBundleException(bundle.root() + ": " + String.join("; ",
                    missing.stream().map(model -> model.where() + ": " + model.message()).toList()));
        }
    }
}

package com.vpbank.creditscore.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of {@code GET /health}: healthy with the cached models, each with its version
 * and when it was loaded, or unhealthy with what is wrong. With a challenger configured,
 * {@code challenger} reports its bundle the same way; it shadows and never answers, so its
 * state does not make the service unhealthy.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HealthReport(String status, List<String> modelsCached, Long modelGeneration,
                           List<LoadedModel> models, List<String> problems, Challenger challenger) {

    /** The challenger bundle: its models, or what keeps it from shadowing. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Challenger(List<String> modelsCached, Long modelGeneration, List<LoadedModel> models,
                             List<String> problems) {
    }

    /** A model of the serving generation. */
    public record LoadedModel(String name, String version, String loadedAt) {
    }

    @JsonIgnore
    public int httpStatus() {
        return problems.isEmpty() ? 200 : 503;
    }
}

package com.vpbank.creditscore.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of {@code GET /health}: healthy with the cached models, or unhealthy with what is wrong. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HealthReport(String status, List<String> modelsCached, List<String> problems) {

    @JsonIgnore
    public int httpStatus() {
        return problems.isEmpty() ? 200 : 503;
    }
}

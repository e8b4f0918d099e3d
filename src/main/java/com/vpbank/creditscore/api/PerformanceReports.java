package com.vpbank.creditscore.api;

import com.vpbank.creditscore.input.InvalidRequestException;
import com.vpbank.creditscore.risk.ModelPerformance;
import com.vpbank.creditscore.time.Timestamps;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.camel.Header;

/**
 * GET /models/performance: AUC, KS and Gini per model and version on the outcomes of the
 * predictions made in the window ({@code since}, {@code until}: ISO-8601 times, each optional),
 * champion and challenger side by side on shadowed predictions.
 */
public final class PerformanceReports {

    private final ModelPerformance performance;

    public PerformanceReports(ModelPerformance performance) {
        this.performance = performance;
    }

    public Map<String, Object> report(@Header("since") String since, @Header("until") String until) {
        return performance.report(time("since", since), time("until", until));
    }

    private static String time(String name, String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        try {
            return Timestamps.format(Instant.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("Query parameter '" + name + "' must be an ISO-8601 time such as"
                    + " 2026-01-15T00:00:00Z.");
        }
    }
}

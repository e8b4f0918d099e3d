package com.vpbank.creditscore.portfolio;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * A portfolio run as {@code GET /api/v1/portfolio-runs/{run_id}} answers it: its status
 * ({@code running}, {@code succeeded}, {@code failed}, with {@code error} saying why), its
 * input and output, the model versions it scores with, and its counts summed over its shards.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"run_id", "status", "input", "rows_read", "rows_scored", "rows_rejected", "output_prefix",
    "model_versions", "shards", "shards_done", "started_at", "finished_at", "error"})
public record PortfolioRun(String runId, String status, String input, long rowsRead, long rowsScored,
                           long rowsRejected, String outputPrefix, Map<String, String> modelVersions, int shards,
                           int shardsDone, String startedAt, String finishedAt, String error,
                           @JsonIgnore long inputBytes, @JsonIgnore int batchRows) {

    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    @JsonIgnore
    public boolean isRunning() {
        return RUNNING.equals(status);
    }
}

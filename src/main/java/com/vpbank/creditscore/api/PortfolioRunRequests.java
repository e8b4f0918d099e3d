package com.vpbank.creditscore.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.input.InvalidRequestException;
import com.vpbank.creditscore.input.JsonObjects;
import com.vpbank.creditscore.portfolio.PortfolioRun;
import com.vpbank.creditscore.portfolio.PortfolioRunStarts;
import com.vpbank.creditscore.portfolio.ShardWork;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Header;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The portfolio-run requests of the API: {@code POST /api/v1/portfolio-runs} with
 * {@code {"input": "<key>", "batch_rows": N}} starts a run of an object of
 * {@code ML_DATA_BUCKET} (404 when there is no such object, 409 without a bucket), and
 * {@code GET /api/v1/portfolio-runs/{run_id}} reads one (404 when there is none).
 */
public final class PortfolioRunRequests {

    static final int MAX_KEY_LENGTH = 1024;
    static final int MAX_BATCH_ROWS = 5000;
    private static final Set<String> FIELDS = Set.of("input", "batch_rows");

    private final ObjectMapper mapper;
    private final PortfolioRunStarts starts;

    /** @param starts {@code null} when no bucket is configured */
    public PortfolioRunRequests(ObjectMapper mapper, PortfolioRunStarts starts) {
        this.mapper = mapper;
        this.starts = starts;
    }

    /** Reads and checks the body, looks the input up, and stores the run: nothing starts when any of it fails. */
    public PortfolioRun start(@Body String body) {
        JsonNode root = JsonObjects.read(mapper, body);
        root.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new InvalidRequestException("Unknown field '" + name + "'.", Map.of("known_fields", FIELDS.stream().sorted().toList()));
            }
        });
        JsonNode input = root.get("input");
        if (input == null || !input.isTextual() || input.asText().isBlank() || input.asText().length() > MAX_KEY_LENGTH) {
            throw new InvalidRequestException("Field 'input' must be the key of an object in the bucket (1-"
                    + MAX_KEY_LENGTH + " characters).");
        }
        Integer batchRows = null;
        JsonNode rows = root.get("batch_rows");
        if (rows != null) {
            if (!rows.canConvertToInt() || !rows.isIntegralNumber() || rows.asInt() < 1 || rows.asInt() > MAX_BATCH_ROWS) {
                throw new InvalidRequestException("Field 'batch_rows' must be a whole number from 1 to " + MAX_BATCH_ROWS + ".");
            }
            batchRows = rows.asInt();
        }
        PortfolioRunStarts runStarts = requireBucket();
        String key = input.asText();
        Optional<Long> found;
        try {
            found = runStarts.inputSize(key);
        } catch (SdkException e) {
            throw new ApiException(503, "The bucket (S3) is unavailable; no run was started. Try again later.", null);
        }
        long size = found.orElseThrow(() -> new ApiException(404,
                "The input '" + key + "' is not an object of the bucket.", Map.of("bucket", runStarts.bucket())));
        return runStarts.startNew(key, size, batchRows);
    }

    /** The run's one shard, for the worker. */
    public ShardWork work(@Body PortfolioRun run) {
        return new ShardWork(run.runId(), 0);
    }

    /** The run, or 404. */
    public PortfolioRun find(@Header("run_id") String runId) {
        return requireBucket().find(runId == null ? "" : runId)
                .orElseThrow(() -> new ApiException(404, "No portfolio run has this id.", null));
    }

    private PortfolioRunStarts requireBucket() {
        if (starts == null) {
            throw new ApiException(409, "Portfolio runs read their input from ML_DATA_BUCKET, which is not set.", null);
        }
        return starts;
    }
}

package com.vpbank.creditscore.portfolio;

import com.vpbank.creditscore.model.ModelLease;
import com.vpbank.creditscore.model.ModelRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Starts portfolio runs: the input must be an object of the bucket, and the run is stored with
 * the object's size, its shards, where its output goes ({@code PORTFOLIO_OUTPUT_PREFIX}, the
 * run id, {@code /}) and the versions of the models that serve now, which every shard must score with.
 */
public final class PortfolioRunStarts {

    /** Run ids: what a Kubernetes name, an S3 key and a log line all take. */
    public static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final PortfolioRuns runs;
    private final ModelRegistry models;
    private final S3Client s3;
    private final String bucket;
    private final String outputPrefix;
    private final int batchRows;

    public PortfolioRunStarts(PortfolioRuns runs, ModelRegistry models, S3Client s3, String bucket,
            String outputPrefix, int batchRows) {
        this.runs = runs;
        this.models = models;
        this.s3 = s3;
        this.bucket = bucket;
        this.outputPrefix = outputPrefix;
        this.batchRows = batchRows;
    }

    /** The size of the input object, or nothing when the bucket does not hold it. */
    public Optional<Long> inputSize(String input) {
        try {
            return Optional.of(s3.headObject(head -> head.bucket(bucket).key(input)).contentLength());
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A new run of {@code input} in one shard, with an id of its own. */
    public PortfolioRun startNew(String input, long size, Integer rows) {
        return start(UUID.randomUUID().toString(), input, size, 1, rows == null ? batchRows : rows);
    }

    /**
     * The run {@code runId} of {@code input} in {@code shards}: created when it is not there yet,
     * else the one there, which must be of the same input and shards.
     */
    public PortfolioRun start(String runId, String input, long size, int shards, int rows) {
        if (!RUN_ID.matcher(runId).matches()) {
            throw new PortfolioRunException("The run id '" + runId + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        Map<String, String> versions;
        try (ModelLease lease = models.acquire()) {
            versions = PortfolioShards.versions(lease);
        }
        return runs.create(runId, input, size, shards, rows, outputPrefix + runId + "/", versions);
    }

    public Optional<PortfolioRun> find(String runId) {
        return RUN_ID.matcher(runId).matches() ? runs.find(runId) : Optional.empty();
    }

    public String bucket() {
        return bucket;
    }
}

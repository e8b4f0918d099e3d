package com.vpbank.creditscore.portfolio;

import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelLease;
import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.route.ModelArgument;
import com.vpbank.creditscore.route.RouteProperties;
import com.vpbank.creditscore.scoring.BatchScores;
import com.vpbank.creditscore.scoring.BatchScoring;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.component.aws2.ddb.Ddb2Constants;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The steps of working one shard of a portfolio run (portfolio.camel.yaml): claim its lease
 * and pin the run's models, read its lines in batches, look their customers up, score them,
 * checkpoint after each batch's parts are written, and end the shard, and the run with its
 * manifest once every shard is done.
 */
public final class PortfolioShards {

    private static final String JOB = RouteProperties.PORTFOLIO_SHARD;
    private static final String WORK = RouteProperties.PORTFOLIO_WORK;
    private static final String BATCH = RouteProperties.PORTFOLIO_BATCH;

    /** What working a shard came to, as the route's answer. */
    public static final String CLAIMED_ELSEWHERE = "held";
    public static final String NOTHING_TO_DO = "done";
    public static final String SHARD_DONE = "shard-done";
    public static final String RUN_FINISHED = "run-finished";
    public static final String RUN_FAILED = "run-failed";
    public static final String LEASE_LOST = "lease-lost";
    public static final String RETRY = "retry";

    /** Keys of one BatchGetItem call, at most. */
    static final int KEYS_PER_CALL = 100;

    private static final Logger LOG = LoggerFactory.getLogger(PortfolioShards.class);

    private final PortfolioRuns runs;
    private final ModelRegistry models;
    private final S3Client s3;
    private final String bucket;
    private final String customerTable;
    private final BatchScoring scoring;
    private final PortfolioOutput output;
    private final PortfolioProgress progress;
    private final String owner;
    private final Duration lease;
    private final int maxAttempts;

    public PortfolioShards(PortfolioRuns runs, ModelRegistry models, S3Client s3, String bucket, String customerTable,
            BatchScoring scoring, PortfolioOutput output, PortfolioProgress progress, String owner, Duration lease,
            int maxAttempts) {
        this.runs = runs;
        this.models = models;
        this.s3 = s3;
        this.bucket = bucket;
        this.customerTable = customerTable;
        this.scoring = scoring;
        this.output = output;
        this.progress = progress;
        this.owner = owner;
        this.lease = lease;
        this.maxAttempts = maxAttempts;
    }

    /**
     * The shards of running runs that no live replica holds, and the runs whose last step is
     * left: for this replica to take over. None without a bucket.
     */
    public List<ShardWork> orphans() {
        if (s3 == null) {
            return List.of();
        }
        return runs.orphans().stream().map(shard -> new ShardWork(shard.runId(), shard.shard())).toList();
    }

    /** This replica's name in the leases it holds. */
    public String owner() {
        return owner;
    }

    /**
     * Claims the shard and pins the serving models for it, or answers why not (a shard done,
     * or held by another replica: the body says so, and there is no job). The models must be
     * the run's versions; the job is closed when the exchange completes.
     */
    public ShardJob start(@Body ShardWork work, Exchange exchange) {
        exchange.setProperty(RouteProperties.PORTFOLIO_OUTCOME, NOTHING_TO_DO);
        PortfolioRun run = runs.find(work.runId()).orElse(null);
        if (run == null || !run.isRunning()) {
            return null;
        }
        if (work.shard() == PortfolioRuns.FINISH) {
            exchange.setProperty(RouteProperties.PORTFOLIO_OUTCOME, finishRun(run));
            return null;
        }
        PortfolioRuns.Claim claim = runs.claim(work.runId(), work.shard(), owner, lease);
        if (claim.outcome() == PortfolioRuns.ClaimOutcome.HELD) {
            exchange.setProperty(RouteProperties.PORTFOLIO_OUTCOME, CLAIMED_ELSEWHERE);
            exchange.setProperty(RouteProperties.PORTFOLIO_HELD_UNTIL, claim.heldUntilMillis());
            return null;
        }
        if (claim.outcome() == PortfolioRuns.ClaimOutcome.DONE) {
            exchange.setProperty(RouteProperties.PORTFOLIO_OUTCOME, finishRun(run));
            return null;
        }
        if (claim.outcome() != PortfolioRuns.ClaimOutcome.CLAIMED) {
            return null;
        }
        if (claim.state().attempts() > maxAttempts) {
            runs.fail(run.runId(), "Shard " + work.shard() + " did not finish in " + maxAttempts + " attempts");
            exchange.setProperty(RouteProperties.PORTFOLIO_OUTCOME, RUN_FAILED);
            return null;
        }
        ModelLease lease = models.acquire();
        try {
            Map<String, String> serving = versions(lease);
            if (!serving.equals(run.modelVersions())) {
                throw new PortfolioRunException("The run scores with the models " + run.modelVersions()
                        + "; this replica serves " + serving);
            }
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        ShardRange range = ShardRange.of(run.inputBytes(), run.shards(), work.shard());
        ShardJob job = new ShardJob(run, claim.state(), lease, range.end() - range.start());
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                progress.stopped();
                try {
                    job.close();
                } catch (IOException e) {
                    LOG.warn("The input of a portfolio shard did not close: {}", e.getMessage());
                }
            }
        });
        LOG.info("Portfolio run {} shard {} of {}: {} (attempt {}, models {})", run.runId(), work.shard(), run.shards(),
                claim.state().started() ? "resumed at row " + (claim.state().linesRead() + 1) + " of the shard"
                        : "started", claim.state().attempts(), run.modelVersions());
        return job;
    }

    /** The models' versions of a generation, by model name. */
    public static Map<String, String> versions(ModelLease lease) {
        Map<String, String> versions = new TreeMap<>();
        for (Model model : lease.bundle().models()) {
            versions.put(model.name(), model.config().version());
        }
        return versions;
    }

    /**
     * The shard's lines in batches, from its checkpoint: ranged reads of its own bytes (and of
     * the rest of its last line); a gzip object, which cannot be split, is read whole by its
     * one shard, and a resumed one skips what its checkpoint covers.
     */
    public Iterator<LineBatch> batches(@ExchangeProperty(JOB) ShardJob job) {
        PortfolioRun run = job.run();
        ShardState state = job.state();
        ShardRange range = ShardRange.of(run.inputBytes(), run.shards(), state.shard());
        ShardLines lines;
        if (run.input().endsWith(".gz")) {
            if (run.shards() != 1) {
                throw new PortfolioRunException("A gzip object cannot be split by bytes: run it in one shard");
            }
            InputStream whole = new RangedObjectInput(s3, bucket, run.input(), run.inputBytes(), 0, run.inputBytes(),
                    job.bytesRead());
            try {
                InputStream text = new BufferedInputStream(new GZIPInputStream(whole, 65536), 65536);
                long skip = Math.max(0, state.nextOffset());
                text.skipNBytes(skip);
                lines = new ShardLines(text, skip, false, Long.MAX_VALUE, state.linesRead(), state.nextPart(),
                        run.batchRows());
            } catch (IOException e) {
                throw new UncheckedIOException("The input " + run.input() + " could not be read: " + e.getMessage(), e);
            }
        } else {
            long from;
            boolean seek;
            if (state.started()) {
                from = state.nextOffset();
                seek = false;
            } else {
                from = Math.max(0, range.start() - 1);
                seek = range.start() > 0;
            }
            InputStream in = new RangedObjectInput(s3, bucket, run.input(), run.inputBytes(), from, range.end(),
                    job.bytesRead());
            lines = new ShardLines(in, from, seek, range.end(), state.linesRead(), state.nextPart(), run.batchRows());
        }
        job.reading(lines);
        return lines;
    }

    /** The batch's lines read as requests against the shard's models. */
    public ShardBatch read(@ExchangeProperty(JOB) ShardJob job, @Body LineBatch lines) {
        return new ShardBatch(lines, scoring.read(lines.lines(), job.models().bundle()));
    }

    /** The BatchGetItem requests of the batch's customers, each once, {@value #KEYS_PER_CALL} keys a call. */
    public List<Map<String, KeysAndAttributes>> customerKeys(@ExchangeProperty(BATCH) ShardBatch batch) {
        List<Map<String, KeysAndAttributes>> calls = new ArrayList<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String customerId : batch.read().customerIds()) {
            keys.add(Map.of("customer_id", AttributeValue.fromS(customerId)));
            if (keys.size() == KEYS_PER_CALL) {
                calls.add(call(keys));
                keys = new ArrayList<>();
            }
        }
        if (!keys.isEmpty()) {
            calls.add(call(keys));
        }
        return calls;
    }

    private Map<String, KeysAndAttributes> call(List<Map<String, AttributeValue>> keys) {
        return Map.of(customerTable, KeysAndAttributes.builder().keys(keys).consistentRead(true)
                .projectionExpression("customer_id").build());
    }

    /**
     * Records the customers a BatchGetItem call found; answers the keys it left unprocessed,
     * for the next call, or {@code null} when none are left.
     */
    public Map<String, KeysAndAttributes> found(@ExchangeProperty(BATCH) ShardBatch batch,
            @Header(Ddb2Constants.BATCH_RESPONSE) Map<String, List<Map<String, AttributeValue>>> response,
            @Header(Ddb2Constants.UNPROCESSED_KEYS) Map<String, KeysAndAttributes> unprocessed) {
        if (response != null) {
            response.getOrDefault(customerTable, List.of()).forEach(item -> batch.found(item.get("customer_id").s()));
        }
        return unprocessed == null || unprocessed.isEmpty() ? null : unprocessed;
    }

    /** Scores the batch: existing customers by {@code existingModels}, new ones by {@code newModel}. */
    public BatchScores score(@ExchangeProperty(BATCH) ShardBatch batch, @ModelArgument String existingModels,
            @ModelArgument String newModel) {
        BatchScores scores = scoring.score(batch.read(), batch.existing(), existingModels, newModel);
        batch.scored(scores);
        return scores;
    }

    public String scoresKey(@ExchangeProperty(JOB) ShardJob job, @ExchangeProperty(BATCH) ShardBatch batch) {
        return PortfolioOutput.partKey(job.run().outputPrefix(), "scores", job.state().shard(), batch.lines().part());
    }

    public String rejectedKey(@ExchangeProperty(JOB) ShardJob job, @ExchangeProperty(BATCH) ShardBatch batch) {
        return PortfolioOutput.partKey(job.run().outputPrefix(), "rejected", job.state().shard(), batch.lines().part());
    }

    public byte[] scoresPart(@ExchangeProperty(BATCH) ShardBatch batch) {
        return output.jsonLines(batch.scores().scored());
    }

    public byte[] rejectedPart(@ExchangeProperty(BATCH) ShardBatch batch) {
        return output.jsonLines(batch.scores().rejected());
    }

    public boolean hasScored(@ExchangeProperty(BATCH) ShardBatch batch) {
        return !batch.scores().scored().isEmpty();
    }

    public boolean hasRejected(@ExchangeProperty(BATCH) ShardBatch batch) {
        return !batch.scores().rejected().isEmpty();
    }

    /** The batch's parts are written: the shard's checkpoint moves past it, on condition that its lease is held. */
    public void checkpoint(@ExchangeProperty(JOB) ShardJob job, @ExchangeProperty(BATCH) ShardBatch batch,
            @ExchangeProperty(RouteProperties.PORTFOLIO_TRACKER) PortfolioProgress.Tracker tracker) {
        BatchScores scores = batch.scores();
        ShardState next = job.state().after(batch.lines(), scores.scored().size(), scores.rejected().size(),
                job.bytesRead().get());
        runs.checkpoint(next, owner, lease, false);
        job.advance(next);
        tracker.batch(scores.scored().size(), scores.rejected().size(), job);
    }

    /** Starts measuring the shard's progress. */
    public PortfolioProgress.Tracker track(@ExchangeProperty(JOB) ShardJob job) {
        return progress.track(job);
    }

    /** Every line of the shard is written: the shard is done, and the run ends once every shard is. */
    public String finish(@ExchangeProperty(JOB) ShardJob job) {
        ShardState state = job.state();
        runs.checkpoint(new ShardState(state.runId(), state.shard(), state.nextOffset(), state.nextPart(),
                state.linesRead(), state.rowsScored(), state.rowsRejected(), job.bytesRead().get(), true,
                state.attempts()), owner, lease, true);
        LOG.info("Portfolio run {} shard {} done: {} rows read ({} scored, {} rejected), {} bytes read of its {}",
                state.runId(), state.shard(), state.linesRead(), state.rowsScored(), state.rowsRejected(),
                job.bytesRead().get(), job.ownBytes());
        PortfolioRun run = runs.find(state.runId()).orElseThrow();
        return run.shardsDone() == run.shards() ? finishRun(run) : SHARD_DONE;
    }

    /** The run's last step, when every shard is done and no other replica does it now. */
    private String finishRun(PortfolioRun run) {
        if (run.shardsDone() != run.shards() || !run.isRunning()) {
            return NOTHING_TO_DO;
        }
        if (!runs.claimFinish(run.runId(), owner, lease)) {
            return CLAIMED_ELSEWHERE;
        }
        output.finish(run, runs.shards(run.runId()));
        runs.succeed(run.runId());
        LOG.info("Portfolio run {} succeeded: {} rows read, {} scored, {} rejected; output under s3://{}/{}",
                run.runId(), run.rowsRead(), run.rowsScored(), run.rowsRejected(), bucket, run.outputPrefix());
        return RUN_FINISHED;
    }

    /**
     * A shard that failed: a lost lease changes nothing more; a run that cannot go on is marked
     * failed; any other failure gives the lease up, for another attempt.
     */
    public String failed(@ExchangeProperty(WORK) ShardWork work,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof LeaseLostException) && !(cause instanceof PortfolioRunException)) {
            cause = cause.getCause();
        }
        if (cause instanceof LeaseLostException) {
            LOG.warn("Portfolio run {} shard {}: {}", work.runId(), work.shard(), cause.getMessage());
            return LEASE_LOST;
        }
        if (cause instanceof PortfolioRunException) {
            LOG.error("Portfolio run {} failed: {}", work.runId(), cause.getMessage());
            runs.fail(work.runId(), cause.getMessage());
            return RUN_FAILED;
        }
        LOG.warn("Portfolio run {} shard {} stopped, to be tried again: {}", work.runId(), work.shard(),
                failure.getClass().getSimpleName() + ": " + failure.getMessage());
        if (work.shard() >= 0) {
            runs.release(work.runId(), work.shard(), owner);
        }
        return RETRY;
    }
}

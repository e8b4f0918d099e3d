package com.vpbank.creditscore;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The settings of portfolio runs: batch re-scoring of a JSON Lines object of
 * {@code ML_DATA_BUCKET}.
 *
 * @param runTable table of runs, their shards' checkpoints and leases ({@code PORTFOLIO_RUN_TABLE_NAME})
 * @param outputPrefix where runs write, before the run id and {@code /} ({@code PORTFOLIO_OUTPUT_PREFIX})
 * @param runId batch mode: the run this process works a shard of ({@code PORTFOLIO_RUN_ID})
 * @param runInput batch mode: the run's input key ({@code PORTFOLIO_RUN_INPUT})
 * @param shards batch mode: the run's shards ({@code PORTFOLIO_SHARDS})
 * @param shardIndex batch mode: the shard this process works ({@code JOB_COMPLETION_INDEX})
 * @param batchRows lines scored together, one model call per model ({@code PORTFOLIO_BATCH_ROWS})
 * @param lease how long a shard's lease holds without a checkpoint ({@code PORTFOLIO_LEASE_SECONDS})
 * @param scanInterval how often a replica looks for runs whose owner died ({@code PORTFOLIO_SCAN_SECONDS})
 * @param progressInterval how often a shard logs its progress ({@code PORTFOLIO_PROGRESS_SECONDS})
 * @param maxAttempts attempts of a shard before its run fails ({@code PORTFOLIO_MAX_ATTEMPTS})
 * @param modelWait batch mode: how long to wait for the models to load ({@code PORTFOLIO_MODEL_WAIT_SECONDS})
 */
record PortfolioSettings(String runTable, String outputPrefix, Optional<String> runId, Optional<String> runInput,
        int shards, int shardIndex, int batchRows, Duration lease, Duration scanInterval, Duration progressInterval,
        int maxAttempts, Duration modelWait) {

    PortfolioSettings {
        if (shards < 1 || shardIndex < 0 || shardIndex >= shards) {
            throw new IllegalArgumentException("The setting JOB_COMPLETION_INDEX (" + shardIndex
                    + ") must be from 0 to PORTFOLIO_SHARDS - 1 (" + (shards - 1) + ")");
        }
        if (batchRows < 1) {
            throw new IllegalArgumentException("The setting PORTFOLIO_BATCH_ROWS must be at least 1, not " + batchRows);
        }
        if (!outputPrefix.isEmpty() && !outputPrefix.endsWith("/")) {
            outputPrefix = outputPrefix + "/";
        }
    }

    static PortfolioSettings from(PropertiesComponent properties) {
        Settings settings = new Settings(properties);
        return new PortfolioSettings(
                settings.text("creditscore.portfolio.run-table"),
                settings.text("creditscore.portfolio.output-prefix"),
                settings.optionalText("creditscore.portfolio.run-id"),
                settings.optionalText("creditscore.portfolio.run-input"),
                settings.wholeNumber("creditscore.portfolio.shards"),
                settings.wholeNumber("creditscore.portfolio.shard-index"),
                settings.wholeNumber("creditscore.portfolio.batch-rows"),
                settings.duration("creditscore.portfolio.lease-seconds", ChronoUnit.SECONDS),
                settings.duration("creditscore.portfolio.scan-seconds", ChronoUnit.SECONDS),
                settings.duration("creditscore.portfolio.progress-seconds", ChronoUnit.SECONDS),
                settings.wholeNumber("creditscore.portfolio.max-attempts"),
                settings.duration("creditscore.portfolio.model-wait-seconds", ChronoUnit.SECONDS));
    }

    /** Batch mode: a run id and an input are set. */
    boolean batchMode() {
        return runId.isPresent() && runInput.isPresent();
    }
}

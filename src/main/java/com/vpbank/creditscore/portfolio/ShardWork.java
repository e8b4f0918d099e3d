package com.vpbank.creditscore.portfolio;

/** One shard of a run to work; shard {@link PortfolioRuns#FINISH}: the run's last step alone. */
public record ShardWork(String runId, int shard) {
}

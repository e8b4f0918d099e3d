package com.vpbank.creditscore.portfolio;

/**
 * Where one shard of a run stands, as its last checkpoint left it: where its next line starts
 * ({@code -1}: nothing read yet), its next part number, what it has read and how it went, and
 * whether it is done.
 */
public record ShardState(String runId, int shard, long nextOffset, int nextPart, long linesRead, long rowsScored,
                         long rowsRejected, long bytesRead, boolean done, int attempts) {

    public boolean started() {
        return nextOffset >= 0;
    }

    /** The state after one more batch whose output is written. */
    public ShardState after(LineBatch batch, long scored, long rejected, long bytesReadNow) {
        return new ShardState(runId, shard, batch.endOffset(), batch.part() + 1, batch.linesRead(),
                rowsScored + scored, rowsRejected + rejected, bytesReadNow, false, attempts);
    }
}

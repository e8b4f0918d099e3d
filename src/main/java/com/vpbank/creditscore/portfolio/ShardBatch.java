package com.vpbank.creditscore.portfolio;

import com.vpbank.creditscore.scoring.BatchScores;
import com.vpbank.creditscore.scoring.ReadBatch;
import java.util.HashSet;
import java.util.Set;

/**
 * One batch of a shard on its way through the route: its lines, the lines read as requests,
 * the customers the customer table holds, and its scores once scored.
 */
public final class ShardBatch {

    private final LineBatch lines;
    private final ReadBatch read;
    private final Set<String> existing = new HashSet<>();
    private BatchScores scores;

    ShardBatch(LineBatch lines, ReadBatch read) {
        this.lines = lines;
        this.read = read;
    }

    public LineBatch lines() {
        return lines;
    }

    public ReadBatch read() {
        return read;
    }

    /** The customers found in the customer table so far: existing customers. */
    public synchronized Set<String> existing() {
        return Set.copyOf(existing);
    }

    synchronized void found(String customerId) {
        existing.add(customerId);
    }

    public BatchScores scores() {
        return scores;
    }

    void scored(BatchScores batchScores) {
        this.scores = batchScores;
    }
}

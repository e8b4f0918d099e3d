package com.vpbank.creditscore.portfolio;

import com.vpbank.creditscore.model.ModelLease;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One shard being worked by this replica: the run, the shard's state as of its last
 * checkpoint, the model generation pinned for the whole shard, its lines as they are read and
 * the bytes read from S3. Closing it closes the input and releases the models.
 */
public final class ShardJob implements Closeable {

    private final PortfolioRun run;
    private final ModelLease models;
    private final AtomicLong bytesRead;
    private final long ownBytes;
    private ShardState state;
    private ShardLines lines;

    ShardJob(PortfolioRun run, ShardState state, ModelLease models, long ownBytes) {
        this.run = run;
        this.state = state;
        this.models = models;
        this.ownBytes = ownBytes;
        this.bytesRead = new AtomicLong(state.bytesRead());
    }

    public PortfolioRun run() {
        return run;
    }

    public ShardState state() {
        return state;
    }

    void advance(ShardState next) {
        this.state = next;
    }

    ModelLease models() {
        return models;
    }

    AtomicLong bytesRead() {
        return bytesRead;
    }

    /** The bytes of the object this shard owns. */
    long ownBytes() {
        return ownBytes;
    }

    void reading(ShardLines shardLines) {
        this.lines = shardLines;
    }

    ShardLines lines() {
        return lines;
    }

    @Override
    public void close() throws IOException {
        try {
            if (lines != null) {
                lines.close();
            }
        } finally {
            models.close();
        }
    }
}

package com.vpbank.creditscore.portfolio;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress of the shards this replica works: the meters
 * {@code creditscore_portfolio_rows_total{outcome="scored"|"rejected"}},
 * {@code creditscore_portfolio_input_bytes_total} and the gauge
 * {@code creditscore_portfolio_rows_per_second}, and a log line every
 * {@code PORTFOLIO_PROGRESS_SECONDS} with the rows, the rate and the time left (from the
 * bytes of its shard still to read). Run ids and shard numbers are in the log, never in labels.
 */
public final class PortfolioProgress {

    private static final Logger LOG = LoggerFactory.getLogger(PortfolioProgress.class);

    private final Supplier<MeterRegistry> registry;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong rate = new AtomicLong();
    private volatile Meters meters;

    public PortfolioProgress(Supplier<MeterRegistry> registry, Duration interval) {
        this.registry = registry;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = System::nanoTime;
    }

    private record Meters(Counter scored, Counter rejected, Counter bytes) {
    }

    /** Where a shard's progress is measured from: the time, and its rows and bytes at its start. */
    public final class Tracker {
        private final String what;
        private final long startNanos = nanoClock.getAsLong();
        private final long startRows;
        private final long startBytes;
        private long lastLogNanos = startNanos;
        private long lastBytes;

        Tracker(String what, long rows, long bytes) {
            this.what = what;
            this.startRows = rows;
            this.startBytes = bytes;
            this.lastBytes = bytes;
        }

        /** One more batch: its rows on the meters, and a log line when one is due. */
        public void batch(long scored, long rejected, ShardJob job) {
            Meters m = meters();
            m.scored().increment(scored);
            m.rejected().increment(rejected);
            long bytes = job.bytesRead().get();
            m.bytes().increment(Math.max(0, bytes - lastBytes));
            lastBytes = bytes;
            long now = nanoClock.getAsLong();
            double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
            long rows = job.state().linesRead() - startRows;
            rate.set(Math.round(rows / seconds));
            if (now - lastLogNanos >= intervalNanos) {
                lastLogNanos = now;
                double bytesPerSecond = (bytes - startBytes) / seconds;
                long left = Math.max(0, job.ownBytes() - bytes);
                String timeLeft = bytesPerSecond <= 0 ? "unknown"
                        : Duration.ofSeconds(Math.round(left / bytesPerSecond)).toString().substring(2).toLowerCase();
                LOG.info("Portfolio {}: {} rows read ({} scored, {} rejected), {} rows/s, {}% of its bytes, about {} left",
                        what, job.state().linesRead(), job.state().rowsScored(), job.state().rowsRejected(),
                        rate.get(), job.ownBytes() == 0 ? 100 : Math.min(100, bytes * 100 / job.ownBytes()), timeLeft);
            }
        }
    }

    /** Starts measuring a shard. */
    public Tracker track(ShardJob job) {
        return new Tracker("run " + job.run().runId() + " shard " + job.state().shard(), job.state().linesRead(),
                job.bytesRead().get());
    }

    private Meters meters() {
        Meters m = meters;
        if (m == null) {
            synchronized (this) {
                if (meters == null) {
                    MeterRegistry r = registry.get();
                    Gauge.builder("creditscore_portfolio_rows_per_second", rate, AtomicLong::get)
                            .description("Rows per second of the portfolio shard this replica works").register(r);
                    meters = new Meters(
                            Counter.builder("creditscore_portfolio_rows").tag("outcome", "scored")
                                    .description("Portfolio rows scored").register(r),
                            Counter.builder("creditscore_portfolio_rows").tag("outcome", "rejected")
                                    .description("Portfolio rows rejected").register(r),
                            Counter.builder("creditscore_portfolio_input_bytes")
                                    .description("Bytes of portfolio inputs read from S3").register(r));
                }
                m = meters;
            }
        }
        return m;
    }

    /** A shard this replica stopped working. */
    public void stopped() {
        rate.set(0);
    }
}

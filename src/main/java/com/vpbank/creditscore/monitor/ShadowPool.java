package com.vpbank.creditscore.monitor;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run shadow scoring: {@code size} threads and at most {@code queue} shadow
 * requests waiting for one. Apart from the model pool, so that a shadow request never waits
 * in front of a live one. When every thread is busy and the queue is full the shadow
 * request is dropped and counted, never run on the caller's thread and never an error: the
 * wire tap that hands it over must not slow down or fail the live answer.
 */
public final class ShadowPool {

    private ShadowPool() {
    }

    public static ThreadPoolExecutor create(int size, int queue, ShadowComparisons comparisons) {
        if (size < 1 || queue < 0) {
            throw new IllegalArgumentException("SHADOW_POOL_SIZE must be at least 1 and SHADOW_POOL_QUEUE at least 0");
        }
        BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, waiting,
                threads(), (rejected, executor) -> comparisons.dropped());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "shadow-scoring-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

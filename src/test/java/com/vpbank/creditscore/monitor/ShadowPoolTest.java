package com.vpbank.creditscore.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vpbank.creditscore.observe.ServiceMetrics;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShadowPoolTest {

    @Test
    void aFullPoolDropsAndCountsTheTaskWithoutRunningItOnTheCaller() throws InterruptedException {
        ShadowComparisons comparisons = new ShadowComparisons(10, ServiceMetrics.none());
        ThreadPoolExecutor pool = ShadowPool.create(1, 2, comparisons);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger ranOnCaller = new AtomicInteger();
        Thread caller = Thread.currentThread();
        try {
            for (int i = 0; i < 10; i++) {
                pool.execute(() -> {
                    if (Thread.currentThread() == caller) {
                        ranOnCaller.incrementAndGet();
                    }
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ran.incrementAndGet();
                });
            }
            assertEquals(7, comparisons.report().dropped(), "one running, two waiting, seven dropped");
            release.countDown();
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals(3, ran.get());
        assertEquals(0, ranOnCaller.get());
    }
}

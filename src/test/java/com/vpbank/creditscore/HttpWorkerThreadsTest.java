package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.junit.jupiter.api.Test;

/**
 * HTTP_WORKER_THREADS sizes the worker pool of the Vert.x instance that serves the API: no
 * more blocking tasks than that run on it at once.
 */
class HttpWorkerThreadsTest {

    @Test
    void theApiServerRunsAtMostTheSetNumberOfWorkerThreads() throws Exception {
        try (RunningService service = RunningService.start(Map.of("creditscore.http-worker-threads", "3"))) {
            Vertx vertx = VertxPlatformHttpRouter.lookup(service.camelContext(),
                    VertxPlatformHttpRouter.getRouterNameFromPort(service.port())).vertx();
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            CountDownLatch release = new CountDownLatch(1);

            List<Future<Void>> tasks = IntStream.range(0, 6).mapToObj(i -> vertx.<Void>executeBlocking(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                release.await(10, TimeUnit.SECONDS);
                running.decrementAndGet();
                return null;
            }, false)).toList();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (running.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // Had the pool more threads, the other three tasks would start now.
            Thread.sleep(300);
            int atOnce = running.get();
            release.countDown();
            for (Future<Void> task : tasks) {
                task.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }

            assertEquals(3, atOnce);
            assertEquals(3, most.get());
            // and the API is served on that pool
            assertEquals(200, service.get("/api/v1/search?customer_id=CUS-WORKERS").statusCode());
        }
    }
}

package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The model bundle is loaded as soon as the service has started, not one
 * MODEL_LOAD_RETRY_MS later: the start-up timer's first run is not skipped.
 */
class StartUpLoadTest {

    @Test
    void everyStartLoadsTheBundleAtOnceRatherThanAfterTheRetryPeriod() throws InterruptedException {
        // A retry period far longer than the wait below: a start whose first load was skipped
        // would stay unready for ten minutes.
        Map<String, String> settings = Map.of("creditscore.models.load-retry-ms", "600000");
        for (int start = 1; start <= 4; start++) {
            try (RunningService service = RunningService.startNotWaiting(settings)) {
                assertEquals(200, readinessWithin(service, Duration.ofSeconds(20)), "start " + start);
            }
        }
    }

    private static int readinessWithin(RunningService service, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        int status;
        do {
            status = service.send(HttpRequest.newBuilder(service.managementUri("/observe/health/ready")).GET())
                    .statusCode();
            if (status == 200) {
                return status;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return status;
    }
}

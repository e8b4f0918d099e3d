package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model-loading timer whose load fails answers no request: its failure is a warning in
 * the service's log, never a line of the request log nor a request meter.
 */
class ModelLoadingFailuresTest {

    @Test
    void aFailedStartUpLoadIsLoggedAsAWarningAndNotAsAnHttpRequest(@TempDir Path noBundle) {
        try (LogCapture capture = new LogCapture();
             RunningService service = RunningService.startNotWaiting(Map.of(
                     "creditscore.models-dir", noBundle.toString(),
                     "creditscore.models.load-retry-ms", "200"))) {
            NotifyBuilder twoRuns = new NotifyBuilder(service.camelContext())
                    .fromRoute(CreditScoreConfiguration.MODEL_LOADING_ROUTE).whenCompleted(2).create();
            assertTrue(twoRuns.matches(20, TimeUnit.SECONDS), "the start-up load ran and was tried again");

            String metrics = service.sendAsIs(HttpRequest.newBuilder(service.managementUri("/observe/metrics")))
                    .body();
            assertEquals(List.of(), capture.requestLines(), "no request log line without a request");
            assertFalse(metrics.contains("creditscore_http_requests_seconds_count{"),
                    "no request meter without a request: " + metrics.lines()
                            .filter(line -> line.startsWith("creditscore_http")).toList());
            assertTrue(capture.lines().stream().anyMatch(line -> line.level() == Level.WARN && line.text().startsWith(
                    "The model bundle was not loaded (load-model-bundles-at-start-up): Model bundle refused: ")),
                    capture.lines().toString());
            assertEquals(503, service.sendAsIs(HttpRequest.newBuilder(
                    service.managementUri("/observe/health/ready"))).statusCode());
        }
    }
}

package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route reload for local development (ROUTES_RELOAD=true): a saved route file replaces the
 * running routes; while the reloaded routes hold a mistake, readiness is DOWN naming it, and
 * UP again once the file is put right.
 */
class RouteReloadTest {

    @Test
    void aReloadedMistakeMakesReadinessDownUntilItIsPutRight(@TempDir Path folder) throws IOException {
        Path routes = TestRoutes.edited(folder.resolve("routes"), "search.camel.yaml", text -> text + "\n");
        Map<String, String> settings = new HashMap<>(TestRoutes.from(routes));
        settings.put("camel.main.routes-reload-enabled", "true");
        settings.put("camel.main.routes-reload-directory", routes.toString());
        Path search = routes.resolve("search.camel.yaml");
        String shipped = Files.readString(search);
        try (RunningService service = RunningService.start(settings)) {
            String customerId = service.existingCustomer();
            assertEquals(200, service.get("/api/v1/search?customer_id=" + customerId).statusCode());

            Files.writeString(search, shipped.replace("keyConditions(${exchangeProperty.search})",
                    "keyConditions(${exchangeProperty.serch})"));
            HttpResponse<String> down = await(service, response -> response.statusCode() == 503
                    && response.body().contains("reads the exchange property 'serch'"));
            assertTrue(down.body().contains("search.camel.yaml"), down.body());
            assertTrue(down.body().contains("reads the exchange property 'serch'"), down.body());

            Files.writeString(search, shipped);
            await(service, response -> response.statusCode() == 200);
            assertEquals(200, service.get("/api/v1/search?customer_id=" + customerId).statusCode());
        }
    }

    private static HttpResponse<String> await(RunningService service, Predicate<HttpResponse<String>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response;
        do {
            response = service.send(HttpRequest.newBuilder(service.managementUri("/observe/health/ready")).GET());
            if (condition.test(response)) {
                return response;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("readiness did not change: " + response.statusCode() + " " + response.body());
    }
}

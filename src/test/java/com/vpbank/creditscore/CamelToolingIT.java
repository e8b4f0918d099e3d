package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Camel's tooling is opt-in: without CAMEL_TOOLING the packaged service serves no developer
 * console and starts no CLI connector; with CAMEL_TOOLING=true the developer console answers
 * on the management port (/q/dev) and the CLI connector starts, so that `camel get routes`
 * on the host attaches.
 */
class CamelToolingIT {

    private static Map<String, String> settings(String tooling) {
        String run = UUID.randomUUID().toString();
        Map<String, String> settings = new HashMap<>(Map.of(
                "DYNAMODB_ENDPOINT_URL", RunningService.dynamoDbLocal().endpoint().toString(),
                "DYNAMODB_CREATE_TABLES", "true",
                "CUSTOMER_TABLE_NAME", "customers-" + run,
                "PREDICTION_HISTORY_TABLE_NAME", "history-" + run,
                "IDEMPOTENCY_TABLE_NAME", "idempotency-" + run,
                "MODELS_DIR", Path.of("models").toAbsolutePath().toString()));
        if (tooling != null) {
            settings.put("CAMEL_TOOLING", tooling);
        }
        return settings;
    }

    @Test
    void offWithoutTheSetting(@TempDir Path work) throws Exception {
        try (PackagedService service = PackagedService.start(work, settings(null))) {
            service.await("ready", () -> service.status(service.management("/observe/health/ready")) == 200);
            assertEquals(404, service.status(service.management("/q/dev/route")));
            assertEquals(404, service.status(service.management("/observe/jolokia/version")));
            assertFalse(Files.readString(service.log()).contains("Camel JBang CLI enabled"));
        }
    }

    @Test
    void onWithTheSetting(@TempDir Path work) throws Exception {
        try (PackagedService service = PackagedService.start(work, settings("true"))) {
            service.await("ready", () -> service.status(service.management("/observe/health/ready")) == 200);
            HttpResponse<String> routes = service.send(service.management("/q/dev/route"));
            assertEquals(200, routes.statusCode());
            assertTrue(routes.body().contains("predict"), routes.body());
            assertTrue(Files.readString(service.log()).contains("Camel JBang CLI enabled"));
            // Hawtio's way in: Jolokia over the routes' MBeans.
            HttpResponse<String> route = service.send(service.management(
                    "/observe/jolokia/read/org.apache.camel:context=credit-score,type=routes,name=%22predict%22/State"));
            assertEquals(200, route.statusCode(), route.body());
            assertTrue(route.body().contains("\"value\":\"Started\""), route.body());
        }
    }
}

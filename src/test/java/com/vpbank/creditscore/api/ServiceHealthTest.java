package com.vpbank.creditscore.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.model.ModelsReadiness;
import com.vpbank.creditscore.store.CustomerTableCheck;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /health} as the service's readiness checks' results make it; the checks themselves run in the HTTP tests. */
class ServiceHealthTest {

    private final ModelRegistry models = new ModelRegistry(1, Clock.systemUTC());
    private final ServiceHealth health = new ServiceHealth(models, Optional.empty());
    private final HealthCheck modelsCheck = new ModelsReadiness(models);
    private final HealthCheck tableCheck = new CustomerTableCheck(null, "customers");

    @AfterEach
    void close() {
        models.close();
    }

    @Test
    void everyCheckUpIsHealthy() {
        HealthReport report = health.render(List.of(modelsCheck, tableCheck),
                List.of(HealthCheckResultBuilder.on(modelsCheck).up().build(),
                        HealthCheckResultBuilder.on(tableCheck).up().build()));

        assertEquals("healthy", report.status());
        assertEquals(200, report.httpStatus());
        assertEquals(List.of(), report.problems());
    }

    @Test
    void aCheckDownIsUnhealthyWithItsReason() {
        HealthReport report = health.render(List.of(modelsCheck, tableCheck),
                List.of(HealthCheckResultBuilder.on(modelsCheck).up().build(),
                        HealthCheckResultBuilder.on(tableCheck).down()
                                .detail("reason", "The customer table does not answer (SdkClientException).").build()));

        assertEquals("unhealthy", report.status());
        assertEquals(503, report.httpStatus());
        assertEquals(List.of("The customer table does not answer (SdkClientException)."), report.problems());
    }

    @Test
    void aCheckDownWithoutAReasonIsNamedAndACheckNotYetRegisteredIsNotReady() {
        HealthReport report = health.render(List.of(modelsCheck, tableCheck),
                List.of(HealthCheckResultBuilder.on(modelsCheck).down().build()));

        assertEquals(503, report.httpStatus());
        assertEquals(List.of("The check customer-table is not registered yet.", "The check models is DOWN."),
                report.problems());
    }
}

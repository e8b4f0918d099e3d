package com.vpbank.creditscore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.observe.CustomerIdHashes;
import com.vpbank.creditscore.observe.MicroProfileHealthEndpoints;
import com.vpbank.creditscore.observe.RequestLimits;
import com.vpbank.creditscore.observe.RequestTracking;
import com.vpbank.creditscore.observe.ServiceMetrics;
import org.apache.camel.CamelContext;
import org.apache.camel.cli.connector.DefaultCliConnectorFactory;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.camel.spi.CliConnectorFactory;
import org.apache.camel.spi.Registry;

/**
 * Binds what the service reports about itself: {@code serviceMetrics}, {@code requestTracking},
 * {@code requestLimits}; makes the health endpoints, and Camel's CLI connector.
 */
final class ObserveWiring {

    /** What the other wirings and the start-up use. */
    record Beans(ServiceMetrics metrics, RequestTracking requestTracking, MicroProfileHealthEndpoints health) {
    }

    private ObserveWiring() {
    }

    static Beans bind(CamelContext context, ObserveSettings settings, ObjectMapper objectMapper) {
        // The CLI connector (camel-cli-connector) starts only with CAMEL_TOOLING=true.
        DefaultCliConnectorFactory cliConnector = new DefaultCliConnectorFactory();
        cliConnector.setEnabled(settings.camelTooling());
        context.getCamelContextExtension().addContextPlugin(CliConnectorFactory.class, cliConnector);

        Registry registry = context.getRegistry();
        // The meter registry camel-micrometer-prometheus creates and serves at /observe/metrics.
        ServiceMetrics metrics = new ServiceMetrics(() -> MicrometerUtils.getMeterRegistryFromCamelRegistry(
                registry, MicrometerConstants.METRICS_REGISTRY_NAME));
        registry.bind("serviceMetrics", metrics);
        RequestTracking requestTracking = new RequestTracking(objectMapper, metrics,
                CustomerIdHashes.fromSetting(settings.logHashKey()));
        registry.bind("requestTracking", requestTracking);
        registry.bind("requestLimits", new RequestLimits(settings.maxRequestsInFlight(), metrics));
        // Camel's health checks as MicroProfile Health checks (see CreditScoreApplication),
        // served by SmallRye Health on the management port.
        MicroProfileHealthEndpoints health = new MicroProfileHealthEndpoints(settings.healthPath());
        return new Beans(metrics, requestTracking, health);
    }
}

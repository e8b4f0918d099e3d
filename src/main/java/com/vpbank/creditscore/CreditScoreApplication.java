package com.vpbank.creditscore;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.microprofile.health.CamelMicroProfileHealthCheckRegistry;

/**
 * Starts the credit-score service: Camel Main with the configuration in
 * {@code application.properties}, the beans of {@link CreditScoreConfiguration} and the
 * route files found under {@code routes/}.
 */
public final class CreditScoreApplication {

    private CreditScoreApplication() {
    }

    public static void main(String... args) throws Exception {
        newMain().run(args);
    }

    /** The service's Camel Main, not yet started. */
    public static Main newMain() {
        Main main = new Main();
        main.configure().addConfiguration(CreditScoreConfiguration.class);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport starting) {
                // Before Camel Main registers its health checks: each of them is registered as a
                // MicroProfile Health check with SmallRye Health too (camel-microprofile-health).
                CamelContext context = starting.getCamelContext();
                context.getCamelContextExtension().addContextPlugin(HealthCheckRegistry.class,
                        new CamelMicroProfileHealthCheckRegistry(context));
            }

            @Override
            public void afterConfigure(BaseMainSupport configured) {
                // The route files are loaded and no route is created yet: routes that name what
                // does not exist stop the start here, each problem with its file and line.
                CreditScoreConfiguration.checkRoutes(configured.getCamelContext());
            }
        });
        return main;
    }
}

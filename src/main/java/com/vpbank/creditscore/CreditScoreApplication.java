package com.vpbank.creditscore;

import com.vpbank.creditscore.routecheck.RouteProblemsException;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.microprofile.health.CamelMicroProfileHealthCheckRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the credit-score service: Camel Main with the configuration in
 * {@code application.properties}, the beans of {@link CreditScoreConfiguration} and the
 * route files found under {@code routes/}. With {@code --check-routes DIR} it checks a
 * folder of route files instead ({@link RouteFolderCheck}); with {@code PORTFOLIO_RUN_ID} and
 * {@code PORTFOLIO_RUN_INPUT} set, it scores one shard of a portfolio run and exits
 * ({@link PortfolioJob}).
 */
public final class CreditScoreApplication {

    private static final Logger LOG = LoggerFactory.getLogger(CreditScoreApplication.class);

    private CreditScoreApplication() {
    }

    /**
     * Runs the service until it is stopped, then exits with Camel Main's exit code. A start
     * that fails (a route that does not hold together, a port that cannot be taken) exits 1
     * with the reason on one ERROR line, whatever threads are still running: a process that
     * cannot serve never lingers without its ports.
     */
    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("--check-routes")) {
            System.exit(RouteFolderCheck.run(List.of(args).subList(1, args.length), System.out));
        }
        if (PortfolioJob.requested()) {
            System.exit(PortfolioJob.run());
        }
        int status;
        try {
            status = newMain().run(args);
        } catch (Exception | LinkageError e) {
            if (e instanceof RouteProblemsException) {
                LOG.error("The service cannot start: {}", e.getMessage());
            } else {
                LOG.error("The service cannot start: {}", e.getMessage(), e);
            }
            status = 1;
        }
        System.exit(status);
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

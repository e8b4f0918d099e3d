package com.vpbank.creditscore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.vpbank.creditscore.api.HttpServerErrors;
import com.vpbank.creditscore.api.HttpServerPorts;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.RequiredModels;
import com.vpbank.creditscore.risk.ModelChanges;
import com.vpbank.creditscore.routecheck.RouteCheck;
import com.vpbank.creditscore.routecheck.RouteProblem;
import com.vpbank.creditscore.routecheck.RouteProblemsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, once, the beans the routes call by name, before the service takes traffic: each
 * concern's wiring ({@link TracingWiring}, {@link ObserveWiring}, {@link ModelWiring}, {@link MonitorWiring},
 * {@link ScoringWiring}, {@link InferenceWiring}, {@link StoreWiring}, {@link ModelRiskWiring},
 * {@link SecurityWiring}, {@link PortfolioWiring}, {@link ApiWiring}) binds
 * its beans from its own settings. Every setting comes from {@code application.properties},
 * where each maps to an environment variable; all are read, and checked, before any bean is made.
 */
public class CreditScoreConfiguration implements CamelConfiguration {

    /** The key the embedded default accepts when no API_KEYS are set; documented in the README. */
    public static final String DEMO_API_KEY = "local-demo-key";

    /** The route that loads the model bundles at start-up (models.camel.yaml). */
    public static final String MODEL_LOADING_ROUTE = "load-model-bundles-at-start-up";

    private static final Logger LOG = LoggerFactory.getLogger(CreditScoreConfiguration.class);

    /** Threads of portfolio runs that call DynamoDB: the shard worker and the scan for runs to take over. */
    private static final int PORTFOLIO_CALLERS = 2;

    @Override
    public void configure(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        ApiSettings api = ApiSettings.from(properties);
        ObserveSettings observe = ObserveSettings.from(properties);
        ModelSettings model = ModelSettings.from(properties);
        MonitorSettings monitor = MonitorSettings.from(properties);
        StoreSettings store = StoreSettings.from(properties);
        SecuritySettings security = SecuritySettings.from(properties);
        TracingSettings tracing = TracingSettings.from(properties);
        PortfolioSettings portfolio = PortfolioSettings.from(properties);
        ModelRiskSettings risk = ModelRiskSettings.from(properties);
        InferenceSettings inference = InferenceSettings.from(properties);

        Registry registry = context.getRegistry();
        // First: Camel's tracing must be in place before any route is made, and the clients below take its interceptors.
        TracingWiring.Beans traced = TracingWiring.bind(context, tracing);
        ObjectMapper objectMapper = objectMapper();
        registry.bind("objectMapper", objectMapper);
        ObserveWiring.Beans observed = ObserveWiring.bind(context, observe, objectMapper);
        ModelWiring.Registries models = ModelWiring.bindRegistries(context, model);
        MonitorWiring.Beans monitors = MonitorWiring.bind(registry, monitor, models.challenger(),
                model.modelTimeout(), observed.metrics());
        // A DynamoDB connection for each thread that can call it at once: the HTTP workers, the
        // model pool, which goes on to store what it scored, the shadow pool, which stores
        // shadow records, and the portfolio runs.
        int callers = api.httpWorkerThreads() + model.modelPoolSize() + monitor.shadowPoolSize()
                + PORTFOLIO_CALLERS;
        StoreWiring.Beans stored = StoreWiring.bind(registry, store, callers, models.challengerConfigured(),
                objectMapper, observed.metrics(), model.modelTimeout(), risk.retentionMonths(), traced.awsCalls());
        ModelChanges modelChanges = ModelRiskWiring.bind(registry, risk, model, store, stored.connection().client(),
                stored.connection().ownsTables(), objectMapper, observed.metrics(), traced.awsCalls());
        ModelWiring.bindLoading(registry, model, models, monitors, observed.metrics(), modelChanges, traced.awsCalls());
        ScoringWiring.bind(registry, objectMapper, models.champion(), model.modelTimeout(), observed.metrics(),
                traced.modelCalls());
        InferenceWiring.bind(registry, inference, objectMapper, models, observed.metrics());
        SecurityWiring.bind(registry, security, stored.connection().isEmbedded());
        PortfolioWiring.bind(registry, portfolio, model, models.champion(), stored.connection(), store.customerTable(),
                objectMapper, observed.metrics(), traced.awsCalls());
        HttpServerErrors httpServerErrors = ApiWiring.bind(context, api, objectMapper, observed.requestTracking(),
                models, stored.historyQueries());

        try {
            context.addStartupListener(new StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                    observed.metrics().registry();
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) throws Exception {
                    // Only now: camel-microprofile-health registers the checks it finds in the
                    // registry (models, customer-table) once Camel has fully started. Served
                    // before, readiness could answer UP without them.
                    // A port that another process holds stops the start-up here, before the
                    // health checks are served and before "Listening" is logged.
                    HttpServerPorts.requireHeld(started.getRegistry().findByType(VertxPlatformHttpRouter.class));
                    observed.health().install(started.getRegistry().findByType(VertxPlatformHttpRouter.class));
                    httpServerErrors.install(started.getRegistry().findByType(VertxPlatformHttpRouter.class),
                            () -> started.isStopping() || started.isStopped());
                    LOG.info(listening(api, observe, restPaths(started)));
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The start-up check of the route files ({@link RouteCheck}); with the bundle in a folder,
     * the models the routes call must be among the bundle's folders too. Throws
     * {@link RouteProblemsException}, which fails the start, listing every problem.
     */
    static void checkRoutes(CamelContext context) {
        ModelSettings settings = ModelSettings.from(context.getPropertiesComponent());
        RequiredModels requiredModels = context.getRegistry().lookupByNameAndType("requiredModels", RequiredModels.class);
        List<RouteProblem> problems = new ArrayList<>(new RouteCheck(context, requiredModels).problems());
        if (!settings.fromS3()) {
            Path folder = Path.of(settings.modelsDir());
            Set<String> available = ModelBundle.modelNames(folder);
            if (!available.isEmpty()) {
                requiredModels.missingFrom(available).forEach(missing -> problems.add(
                        new RouteProblem(missing.where(), missing.message() + " in " + folder)));
            }
        }
        if (!problems.isEmpty()) {
            throw new RouteProblemsException(problems);
        }
    }

    /** One line that says where the API, the health checks and the metrics listen. */
    static String listening(ApiSettings api, ObserveSettings observe, Collection<String> restPaths) {
        String management = "http://" + observe.managementHost() + ":" + observe.managementPort();
        String health = management + observe.healthPath();
        return "Listening: API on http://" + api.serverHost() + ":" + api.serverPort()
                + " (" + String.join(", ", restPaths) + "),"
                + " liveness on " + health + "/live, readiness on " + health + "/ready,"
                + " metrics on " + management + observe.metricsPath();
    }

    /** The paths of the REST definitions the routes hold, each once, in the order they are defined. */
    static Collection<String> restPaths(CamelContext context) {
        Set<String> paths = new LinkedHashSet<>();
        for (RestDefinition rest : ((ModelCamelContext) context).getRestDefinitions()) {
            String base = rest.getPath() == null ? "" : rest.getPath();
            for (VerbDefinition verb : rest.getVerbs()) {
                paths.add((base + "/" + (verb.getPath() == null ? "" : verb.getPath())).replaceAll("/+", "/"));
            }
        }
        return paths;
    }

    /** JSON as the API writes it: snake_case names, ISO-8601 dates. */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }
}

package com.vpbank.creditscore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.vpbank.creditscore.api.ContractErrors;
import com.vpbank.creditscore.api.ErrorResponses;
import com.vpbank.creditscore.api.HttpServerErrors;
import com.vpbank.creditscore.api.ModelBundles;
import com.vpbank.creditscore.api.HttpServerPorts;
import com.vpbank.creditscore.api.HttpServerVertx;
import com.vpbank.creditscore.api.ModelReloads;
import com.vpbank.creditscore.api.RequestChecks;
import com.vpbank.creditscore.api.SearchAnswers;
import com.vpbank.creditscore.api.SearchRequestReader;
import com.vpbank.creditscore.api.ServiceHealth;
import com.vpbank.creditscore.api.UnmatchedRequests;
import com.vpbank.creditscore.model.BundleCache;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.model.ModelsReadiness;
import com.vpbank.creditscore.model.RequiredModels;
import com.vpbank.creditscore.monitor.DriftMonitor;
import com.vpbank.creditscore.monitor.ShadowComparisons;
import com.vpbank.creditscore.monitor.ShadowPool;
import com.vpbank.creditscore.monitor.ShadowScoring;
import com.vpbank.creditscore.observe.CustomerIdHashes;
import com.vpbank.creditscore.observe.DynamoDbCallMetrics;
import com.vpbank.creditscore.observe.MicroProfileHealthEndpoints;
import com.vpbank.creditscore.observe.RequestLimits;
import com.vpbank.creditscore.observe.RequestTracking;
import com.vpbank.creditscore.observe.ServiceMetrics;
import com.vpbank.creditscore.routecheck.RouteCheck;
import com.vpbank.creditscore.routecheck.RouteProblem;
import com.vpbank.creditscore.routecheck.RouteProblemsException;
import com.vpbank.creditscore.routecheck.ServingRoutesReadiness;
import com.vpbank.creditscore.scoring.ModelScoring;
import com.vpbank.creditscore.scoring.PredictRequestReader;
import com.vpbank.creditscore.scoring.Predictions;
import com.vpbank.creditscore.scoring.ReasonCodes;
import com.vpbank.creditscore.scoring.ScoreAggregation;
import com.vpbank.creditscore.security.ApiKeyAuthentication;
import com.vpbank.creditscore.security.ApiKeys;
import com.vpbank.creditscore.security.Role;
import com.vpbank.creditscore.store.CustomerTableCheck;
import com.vpbank.creditscore.store.DynamoDbConnection;
import com.vpbank.creditscore.store.HistoryQueries;
import com.vpbank.creditscore.store.IdempotencyKeys;
import com.vpbank.creditscore.store.PredictionItems;
import com.vpbank.creditscore.store.PredictionStore;
import com.vpbank.creditscore.store.S3Connection;
import com.vpbank.creditscore.store.SearchCursors;
import com.vpbank.creditscore.store.ServiceTables;
import com.vpbank.creditscore.store.ShadowItems;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.cli.connector.DefaultCliConnectorFactory;
import org.apache.camel.spi.CliConnectorFactory;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Creates, once, the beans the routes call by name, before the service takes traffic:
 * the model bundle is loaded and the database connected here. Every setting comes from
 * {@code application.properties}, where each maps to an environment variable.
 */
public class CreditScoreConfiguration implements CamelConfiguration {

    /** The key the embedded default accepts when no API_KEYS are set; documented in the README. */
    public static final String DEMO_API_KEY = "local-demo-key";

    /** The route that loads the model bundles at start-up (models.camel.yaml). */
    public static final String MODEL_LOADING_ROUTE = "load-model-bundles-at-start-up";

    private static final Logger LOG = LoggerFactory.getLogger(CreditScoreConfiguration.class);

    @Override
    public void configure(CamelContext context) {
        PropertiesComponent settings = context.getPropertiesComponent();
        Registry registry = context.getRegistry();

        // The CLI connector (camel-cli-connector) starts only with CAMEL_TOOLING=true.
        DefaultCliConnectorFactory cliConnector = new DefaultCliConnectorFactory();
        cliConnector.setEnabled(Boolean.parseBoolean(setting(settings, "creditscore.camel-tooling")));
        context.getCamelContextExtension().addContextPlugin(CliConnectorFactory.class, cliConnector);

        ObjectMapper objectMapper = objectMapper();
        registry.bind("objectMapper", objectMapper);
        VertxOptions vertxOptions = new VertxOptions()
                .setWorkerPoolSize(Integer.parseInt(setting(settings, "creditscore.http-worker-threads")));

        // The meter registry camel-micrometer-prometheus creates and serves at /observe/metrics.
        ServiceMetrics metrics = new ServiceMetrics(() -> MicrometerUtils.getMeterRegistryFromCamelRegistry(
                registry, MicrometerConstants.METRICS_REGISTRY_NAME));
        registry.bind("serviceMetrics", metrics);
        RequestTracking requestTracking = new RequestTracking(objectMapper, metrics,
                CustomerIdHashes.fromSetting(setting(settings, "creditscore.log-hash-key")));
        registry.bind("requestTracking", requestTracking);
        HttpServerErrors httpServerErrors = new HttpServerErrors(objectMapper, requestTracking,
                Long.parseLong(setting(settings, "camel.server.max-body-size")));
        registry.bind("vertx", Vertx.class, HttpServerVertx.create(vertxOptions, httpServerErrors::invalidRequest), null, "close");
        // Camel's health checks as MicroProfile Health checks (see CreditScoreApplication),
        // served by SmallRye Health on the management port.
        MicroProfileHealthEndpoints health = new MicroProfileHealthEndpoints(
                setting(settings, "camel.management.health-path"));
        // The model names the routes call, collected by checkRoutes before any route is created.
        RequiredModels requiredModels = new RequiredModels();
        registry.bind("requiredModels", requiredModels);
        try {
            context.addStartupListener(new StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                    metrics.registry();
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) throws Exception {
                    // Only now: camel-microprofile-health registers the checks it finds in the
                    // registry (models, customer-table) once Camel has fully started. Served
                    // before, readiness could answer UP without them.
                    // A port that another process holds stops the start-up here, before the
                    // health checks are served and before "Listening" is logged.
                    HttpServerPorts.requireHeld(started.getRegistry().findByType(VertxPlatformHttpRouter.class));
                    health.install(started.getRegistry().findByType(VertxPlatformHttpRouter.class));
                    httpServerErrors.install(started.getRegistry().findByType(VertxPlatformHttpRouter.class),
                            () -> started.isStopping() || started.isStopped());
                    LOG.info(listening(settings, restPaths(started)));
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        registry.bind("requestLimits", new RequestLimits(
                Integer.parseInt(setting(settings, "creditscore.max-requests-in-flight")), metrics));

        // The bundle is loaded by the models route once the context runs; until then the
        // readiness check is DOWN and predict answers 503.
        int onnxThreads = Integer.parseInt(setting(settings, "creditscore.onnx-intra-op-threads"));
        ModelRegistry models = new ModelRegistry(onnxThreads, Clock.systemUTC(), requiredModels);
        registry.bind("modelRegistry", ModelRegistry.class, models, null, "close");
        registry.bind("modelsReadiness", new ModelsReadiness(models));
        // Readiness DOWN while a reloaded route file leaves a path without its route, or holds
        // a mistake the start-up check finds (ROUTES_RELOAD, local development only).
        ServingRoutesReadiness servingRoutes = new ServingRoutesReadiness(context, requiredModels);
        registry.bind("servingRoutesReadiness", servingRoutes);
        context.getManagementStrategy().addEventNotifier(servingRoutes.reloadListener());
        BundleCache bundleCache = new BundleCache(Path.of(setting(settings, "creditscore.models.cache-dir")), Map.of(
                ModelBundle.CHAMPION, setting(settings, "creditscore.models.prefix"),
                ModelBundle.CHALLENGER, setting(settings, "creditscore.challenger.prefix")));
        registry.bind("bundleCache", bundleCache);
        int driftWindow = Integer.parseInt(setting(settings, "creditscore.drift.window"));
        DriftMonitor drift = new DriftMonitor(driftWindow, metrics);
        registry.bind("driftMonitor", drift);
        ModelReloads championReloads = new ModelReloads(ModelBundle.CHAMPION, true, models, bundleCache, metrics,
                generation -> drift.install(ModelBundle.CHAMPION, generation));
        registry.bind("modelReloads", championReloads);
        if (!setting(settings, "creditscore.models.bucket").isEmpty()) {
            registry.bind("s3Client", S3Client.class, S3Connection.fromSettings(settings), null, "close");
        }

        // The challenger: a second bundle that scores every answered request again, off the
        // request's thread, for comparison and drift; it never answers. Without one configured
        // its registry stays empty, and the predict route hands nothing to the shadow pool.
        boolean fromS3 = !setting(settings, "creditscore.models.bucket").isEmpty();
        ModelBundles.Source championSource = new ModelBundles.Source(fromS3, setting(settings, "creditscore.models-dir"));
        ModelBundles.Source challengerSource = fromS3 && !setting(settings, "creditscore.challenger.prefix").isEmpty()
                ? new ModelBundles.Source(true, "")
                : new ModelBundles.Source(false, setting(settings, "creditscore.challenger.dir"));
        boolean challengerConfigured = challengerSource.configured();
        ModelRegistry challenger = new ModelRegistry(onnxThreads, Clock.systemUTC(), requiredModels);
        registry.bind("challengerRegistry", ModelRegistry.class, challenger, null, "close");
        ShadowComparisons comparisons = new ShadowComparisons(driftWindow, metrics);
        registry.bind("shadowComparisons", comparisons);
        ModelReloads challengerReloads = new ModelReloads(ModelBundle.CHALLENGER, challengerConfigured, challenger,
                bundleCache, metrics, generation -> {
                    drift.install(ModelBundle.CHALLENGER, generation);
                    comparisons.start(generation);
                });
        registry.bind("challengerReloads", challengerReloads);
        // The one loading flow of models.camel.yaml sees both bundles through this bean.
        Map<String, ModelReloads> loadOrder = new LinkedHashMap<>();
        loadOrder.put(ModelBundle.CHAMPION, championReloads);
        loadOrder.put(ModelBundle.CHALLENGER, challengerReloads);
        registry.bind("modelBundles", new ModelBundles(loadOrder,
                Map.of(ModelBundle.CHAMPION, championSource, ModelBundle.CHALLENGER, challengerSource),
                fromS3 && Long.parseLong(setting(settings, "creditscore.models.poll-interval-seconds")) > 0));
        registry.bind("shadowPool", ExecutorService.class, ShadowPool.create(
                Integer.parseInt(setting(settings, "creditscore.shadow.pool-size")),
                Integer.parseInt(setting(settings, "creditscore.shadow.pool-queue")), comparisons),
                null, "shutdownNow");
        registry.bind("shadowScoring", new ShadowScoring(challenger, drift, metrics,
                Duration.ofMillis(Long.parseLong(setting(settings, "creditscore.model-timeout-ms")))));
        registry.bind("shadowItems", new ShadowItems(Clock.systemUTC(),
                Duration.ofDays(Long.parseLong(setting(settings, "creditscore.shadow.ttl-days")))));

        DynamoDbConnection dynamo = DynamoDbConnection.fromSettings(settings, new DynamoDbCallMetrics(metrics));
        registry.bind("dynamoDbConnection", DynamoDbConnection.class, dynamo, null, "close");
        DynamoDbClient client = dynamo.client();
        registry.bind("dynamoDbClient", DynamoDbClient.class, client);
        if (dynamo.ownsTables()) {
            createTables(client, settings, dynamo.isEmbedded());
            if (challengerConfigured) {
                new ServiceTables(client).createShadowTable(setting(settings, "creditscore.shadow-table"));
            }
        }

        registry.bind("customerTableCheck", new CustomerTableCheck(client, setting(settings, "creditscore.customer-table")));

        registry.bind("apiKeyAuthentication", new ApiKeyAuthentication(apiKeys(settings, dynamo.isEmbedded())));

        registry.bind("predictRequestReader", new PredictRequestReader(objectMapper, models));
        registry.bind("searchRequestReader", new SearchRequestReader(objectMapper));
        Duration modelBudget = Duration.ofMillis(Long.parseLong(setting(settings, "creditscore.model-timeout-ms")));
        registry.bind("modelScoring", new ModelScoring(modelBudget, metrics));
        registry.bind("reasonCodes", new ReasonCodes(modelBudget, metrics));
        registry.bind("scoreAggregation", new ScoreAggregation());
        registry.bind("predictions", new Predictions(Clock.systemUTC()));
        PredictionItems predictionItems = new PredictionItems();
        registry.bind("predictionItems", predictionItems);
        HistoryQueries historyQueries = new HistoryQueries(
                SearchCursors.fromSetting(setting(settings, "creditscore.cursor-key")));
        registry.bind("historyQueries", historyQueries);
        IdempotencyKeys idempotencyKeys = new IdempotencyKeys(client, setting(settings, "creditscore.idempotency-table"),
                objectMapper, Clock.systemUTC(),
                Duration.ofHours(Long.parseLong(setting(settings, "creditscore.idempotency-ttl-hours"))),
                claimLifetime(settings, modelBudget));
        registry.bind("idempotencyKeys", idempotencyKeys);
        registry.bind("predictionStore", new PredictionStore(client, setting(settings, "creditscore.customer-table"),
                setting(settings, "creditscore.history-table"), predictionItems, idempotencyKeys));
        registry.bind("searchAnswers", new SearchAnswers(objectMapper, historyQueries));
        registry.bind("serviceHealth", new ServiceHealth(models,
                challengerConfigured ? Optional.of(challenger) : Optional.empty()));
        registry.bind("errorResponses", new ErrorResponses());
        registry.bind("requestChecks", new RequestChecks(
                Integer.parseInt(setting(settings, "creditscore.max-request-bytes"))));
        registry.bind("unmatchedRequests", new UnmatchedRequests(context));
        registry.bind("contractErrors", new ContractErrors());
    }

    /**
     * The start-up check of the route files ({@link RouteCheck}); with the bundle in a folder,
     * the models the routes call must be among the bundle's folders too. Throws
     * {@link RouteProblemsException}, which fails the start, listing every problem.
     */
    static void checkRoutes(CamelContext context) {
        PropertiesComponent settings = context.getPropertiesComponent();
        RequiredModels requiredModels = context.getRegistry().lookupByNameAndType("requiredModels", RequiredModels.class);
        List<RouteProblem> problems = new ArrayList<>(new RouteCheck(context, requiredModels).problems());
        if (setting(settings, "creditscore.models.bucket").isEmpty()) {
            Path folder = Path.of(setting(settings, "creditscore.models-dir"));
            Set<String> available = ModelBundle.modelNames(folder);
            if (!available.isEmpty()) {
                requiredModels.missingFrom(available).forEach(missing -> problems.add(
                        new RouteProblem(missing.substring(0, missing.indexOf(": names model")),
                                missing.substring(missing.indexOf(": names model") + 2) + " in " + folder)));
            }
        }
        if (!problems.isEmpty()) {
            throw new RouteProblemsException(problems);
        }
    }

    /** IDEMPOTENCY_CLAIM_SECONDS, else the request's deadline from the DynamoDB and model budgets. */
    private static Duration claimLifetime(PropertiesComponent settings, Duration modelBudget) {
        String seconds = setting(settings, "creditscore.idempotency-claim-seconds");
        return !seconds.isEmpty() ? Duration.ofSeconds(Long.parseLong(seconds)) : IdempotencyKeys.claimLifetime(
                Duration.ofMillis(Long.parseLong(setting(settings, "creditscore.dynamodb.call-timeout-ms"))), modelBudget);
    }

    /** One line that says where the API, the health checks and the metrics listen. */
    static String listening(PropertiesComponent settings, Collection<String> restPaths) {
        String api = "http://" + setting(settings, "camel.server.host") + ":" + setting(settings, "camel.server.port");
        String management = "http://" + setting(settings, "camel.management.host") + ":"
                + setting(settings, "camel.management.port");
        String health = management + setting(settings, "camel.management.health-path");
        return "Listening: API on " + api + " (" + String.join(", ", restPaths) + "),"
                + " liveness on " + health + "/live, readiness on " + health + "/ready,"
                + " metrics on " + management + setting(settings, "camel.metrics.path");
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

    private static void createTables(DynamoDbClient client, PropertiesComponent settings, boolean seedDemo) {
        String customerTable = setting(settings, "creditscore.customer-table");
        ServiceTables tables = new ServiceTables(client);
        tables.createCustomerTable(customerTable);
        tables.createHistoryTable(setting(settings, "creditscore.history-table"));
        tables.createIdempotencyTable(setting(settings, "creditscore.idempotency-table"));
        if (seedDemo) {
            tables.seedCustomers(customerTable, setting(settings, "creditscore.demo-customers"));
        }
    }

    /**
     * The keys from {@code API_KEYS}. With none set, the embedded default accepts the demo key
     * of the README in both roles, so that the quick start works; any other set-up refuses
     * every protected request until keys are configured.
     */
    private static ApiKeys apiKeys(PropertiesComponent settings, boolean embedded) {
        ApiKeys keys = ApiKeys.parse(setting(settings, "creditscore.api-keys"));
        if (!keys.isEmpty()) {
            LOG.info("{} API key entries configured", keys.size());
            return keys;
        }
        if (embedded) {
            LOG.warn("API_KEYS is not set: the embedded default accepts the demo key '{}' (scorer, admin)", DEMO_API_KEY);
            return ApiKeys.of(DEMO_API_KEY, EnumSet.allOf(Role.class));
        }
        LOG.warn("API_KEYS is not set: every /api and /models request will be refused with 401");
        return keys;
    }

    private static String setting(PropertiesComponent settings, String key) {
        return settings.resolveProperty(key).orElse("").trim();
    }
}

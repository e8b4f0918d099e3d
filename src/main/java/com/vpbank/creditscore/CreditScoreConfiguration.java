package com.vpbank.creditscore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.vpbank.creditscore.api.ErrorResponses;
import com.vpbank.creditscore.api.RequestChecks;
import com.vpbank.creditscore.api.UnmatchedRequests;
import com.vpbank.creditscore.api.SearchRequestReader;
import com.vpbank.creditscore.api.ServiceHealth;
import com.vpbank.creditscore.api.ModelReloads;
import com.vpbank.creditscore.model.BundleCache;
import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.model.ModelsReadiness;
import com.vpbank.creditscore.store.S3Connection;
import software.amazon.awssdk.services.s3.S3Client;
import com.vpbank.creditscore.scoring.ModelScoring;
import com.vpbank.creditscore.scoring.PredictRequestReader;
import com.vpbank.creditscore.scoring.Predictions;
import com.vpbank.creditscore.scoring.ScoreAggregation;
import com.vpbank.creditscore.store.HistoryQueries;
import com.vpbank.creditscore.store.IdempotencyKeys;
import com.vpbank.creditscore.store.LatestPredictions;
import com.vpbank.creditscore.store.ServiceTables;
import com.vpbank.creditscore.store.DynamoDbConnection;
import com.vpbank.creditscore.store.PredictionItems;
import com.vpbank.creditscore.store.SearchAnswers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Creates, once, the beans the routes call by name, before the service takes traffic:
 * the model bundle is loaded and the database connected here. Every setting comes from
 * {@code application.properties}, where each maps to an environment variable.
 */
public class CreditScoreConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        PropertiesComponent settings = context.getPropertiesComponent();
        Registry registry = context.getRegistry();

        ObjectMapper objectMapper = objectMapper();
        registry.bind("objectMapper", objectMapper);

        // The bundle is loaded by the models route once the context runs; until then the
        // readiness check is DOWN and predict answers 503.
        ModelRegistry models = new ModelRegistry(
                Integer.parseInt(setting(settings, "creditscore.onnx-intra-op-threads")), Clock.systemUTC());
        registry.bind("modelRegistry", ModelRegistry.class, models, null, "close");
        registry.bind("modelsReadiness", new ModelsReadiness(models));
        BundleCache bundleCache = new BundleCache(Path.of(setting(settings, "creditscore.models.cache-dir")),
                setting(settings, "creditscore.models.prefix"));
        registry.bind("bundleCache", bundleCache);
        registry.bind("modelReloads", new ModelReloads(models, bundleCache));
        if (!setting(settings, "creditscore.models.bucket").isEmpty()) {
            registry.bind("s3Client", S3Client.class, S3Connection.fromSettings(settings), null, "close");
        }

        DynamoDbConnection dynamo = DynamoDbConnection.fromSettings(settings);
        registry.bind("dynamoDbConnection", DynamoDbConnection.class, dynamo, null, "close");
        DynamoDbClient client = dynamo.client();
        registry.bind("dynamoDbClient", DynamoDbClient.class, client);
        if (dynamo.ownsTables()) {
            createTables(client, settings, dynamo.isEmbedded());
        }

        registry.bind("predictRequestReader", new PredictRequestReader(objectMapper, models));
        registry.bind("searchRequestReader", new SearchRequestReader(objectMapper));
        registry.bind("modelScoring", new ModelScoring(
                Duration.ofMillis(Long.parseLong(setting(settings, "creditscore.model-timeout-ms")))));
        registry.bind("scoreAggregation", new ScoreAggregation());
        registry.bind("predictions", new Predictions(Clock.systemUTC()));
        PredictionItems predictionItems = new PredictionItems();
        registry.bind("predictionItems", predictionItems);
        registry.bind("latestPredictions", new LatestPredictions(client,
                setting(settings, "creditscore.customer-table"), predictionItems));
        registry.bind("historyQueries", new HistoryQueries());
        registry.bind("idempotencyKeys", new IdempotencyKeys(client, setting(settings, "creditscore.idempotency-table"),
                objectMapper, Clock.systemUTC(),
                Duration.ofHours(Long.parseLong(setting(settings, "creditscore.idempotency-ttl-hours"))),
                Duration.ofSeconds(Long.parseLong(setting(settings, "creditscore.idempotency-claim-seconds")))));
        registry.bind("searchAnswers", new SearchAnswers(objectMapper));
        registry.bind("serviceHealth", new ServiceHealth(models));
        registry.bind("errorResponses", new ErrorResponses());
        registry.bind("requestChecks", new RequestChecks(
                Integer.parseInt(setting(settings, "creditscore.max-request-bytes"))));
        registry.bind("unmatchedRequests", new UnmatchedRequests(context));
    }

    /** JSON as the API writes it: snake_case names, ISO-8601 dates. */
    static ObjectMapper objectMapper() {
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
        String demoCustomers = setting(settings, "creditscore.demo-customers");
        if (seedDemo && !demoCustomers.isEmpty()) {
            for (String customerId : demoCustomers.split(",")) {
                tables.seedCustomer(customerTable, customerId.trim());
            }
        }
    }

    private static String setting(PropertiesComponent settings, String key) {
        return settings.resolveProperty(key).orElse("").trim();
    }
}

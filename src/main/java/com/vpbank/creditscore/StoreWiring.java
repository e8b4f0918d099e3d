package com.vpbank.creditscore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.observe.DynamoDbCallMetrics;
import com.vpbank.creditscore.observe.DynamoDbCapacityMeter;
import com.vpbank.creditscore.observe.ServiceMetrics;
import com.vpbank.creditscore.store.CustomerTableCheck;
import com.vpbank.creditscore.store.DynamoDbConnection;
import com.vpbank.creditscore.store.HistoryQueries;
import com.vpbank.creditscore.store.IdempotencyKeys;
import com.vpbank.creditscore.store.PredictionItems;
import com.vpbank.creditscore.store.PredictionStore;
import com.vpbank.creditscore.store.SearchCursors;
import com.vpbank.creditscore.store.ServiceTables;
import com.vpbank.creditscore.store.ShadowItems;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.spi.Registry;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Connects to DynamoDB, creates the tables when the service owns them, and binds what reads
 * and writes them: {@code shadowItems}, {@code dynamoDbConnection}, {@code dynamoDbClient},
 * {@code customerTableCheck}, {@code predictionItems}, {@code historyQueries},
 * {@code idempotencyKeys}, {@code predictionStore}.
 */
final class StoreWiring {

    /** What the API and the security wiring use. */
    record Beans(DynamoDbConnection connection, HistoryQueries historyQueries) {
    }

    private StoreWiring() {
    }

    /**
     * @param callers threads that can call DynamoDB at once
     * @param shadowTable whether the table of shadow records is used (a challenger is configured)
     * @param modelBudget time budget of one model for one request, part of a request's deadline
     * @param historyRetentionMonths months each history record is kept at least (HISTORY_RETENTION_MONTHS)
     * @param callSpans the interceptors that give each DynamoDB call its span (none: tracing is off)
     */
    static Beans bind(Registry registry, StoreSettings settings, int callers, boolean shadowTable,
            ObjectMapper objectMapper, ServiceMetrics metrics, Duration modelBudget, int historyRetentionMonths,
            List<ExecutionInterceptor> callSpans) {
        registry.bind("shadowItems", new ShadowItems(Clock.systemUTC(), settings.shadowTtl()));
        DynamoDbConnection dynamo = DynamoDbConnection.open(settings.dynamoDb(), callers,
                new DynamoDbCallMetrics(metrics), new DynamoDbCapacityMeter(metrics), callSpans);
        registry.bind("dynamoDbConnection", DynamoDbConnection.class, dynamo, null, "close");
        DynamoDbClient client = dynamo.client();
        registry.bind("dynamoDbClient", DynamoDbClient.class, client);
        if (dynamo.ownsTables()) {
            createTables(new ServiceTables(client), settings, dynamo.isEmbedded(), shadowTable);
        }
        registry.bind("customerTableCheck", new CustomerTableCheck(client, settings.customerTable()));

        PredictionItems predictionItems = new PredictionItems(Clock.systemUTC(), historyRetentionMonths);
        registry.bind("predictionItems", predictionItems);
        HistoryQueries historyQueries = new HistoryQueries(SearchCursors.fromSetting(settings.cursorKey()));
        registry.bind("historyQueries", historyQueries);
        // IDEMPOTENCY_CLAIM_SECONDS, else the request's deadline from the DynamoDB and model budgets.
        Duration claimLifetime = settings.idempotencyClaim().orElseGet(() ->
                IdempotencyKeys.claimLifetime(settings.dynamoDb().callTimeout(), modelBudget));
        IdempotencyKeys idempotencyKeys = new IdempotencyKeys(client, settings.idempotencyTable(), objectMapper,
                Clock.systemUTC(), settings.idempotencyTtl(), claimLifetime);
        registry.bind("idempotencyKeys", idempotencyKeys);
        registry.bind("predictionStore", new PredictionStore(client, settings.customerTable(),
                settings.historyTable(), predictionItems, idempotencyKeys));
        return new Beans(dynamo, historyQueries);
    }

    private static void createTables(ServiceTables tables, StoreSettings settings, boolean seedDemo,
            boolean shadowTable) {
        tables.createCustomerTable(settings.customerTable());
        tables.createHistoryTable(settings.historyTable());
        tables.createIdempotencyTable(settings.idempotencyTable());
        if (seedDemo) {
            tables.seedCustomers(settings.customerTable(), settings.demoCustomers());
        }
        if (shadowTable) {
            tables.createShadowTable(settings.shadowTable());
        }
    }
}

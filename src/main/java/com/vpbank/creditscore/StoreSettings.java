package com.vpbank.creditscore;

import com.vpbank.creditscore.store.DynamoDbSettings;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The settings of what the service stores: its DynamoDB, its tables and how long items live.
 *
 * @param dynamoDb where DynamoDB is and how it is called
 * @param customerTable table of customers and their latest prediction ({@code CUSTOMER_TABLE_NAME})
 * @param historyTable table of every prediction ({@code PREDICTION_HISTORY_TABLE_NAME})
 * @param idempotencyTable table of Idempotency-Keys ({@code IDEMPOTENCY_TABLE_NAME})
 * @param shadowTable table of shadow records ({@code SHADOW_TABLE_NAME})
 * @param idempotencyTtl how long an answered key replays its answer ({@code IDEMPOTENCY_TTL_HOURS})
 * @param idempotencyClaim how long an unanswered claim holds; none: the request's deadline
 *     ({@code IDEMPOTENCY_CLAIM_SECONDS})
 * @param shadowTtl how long a shadow record is kept ({@code SHADOW_TTL_DAYS})
 * @param demoCustomers embedded default: customers stored at start-up ({@code DEMO_CUSTOMERS})
 * @param cursorKey key of the HMAC that signs search cursors; empty: random ({@code CURSOR_KEY})
 */
record StoreSettings(DynamoDbSettings dynamoDb, String customerTable, String historyTable, String idempotencyTable,
        String shadowTable, Duration idempotencyTtl, Optional<Duration> idempotencyClaim, Duration shadowTtl,
        String demoCustomers, String cursorKey) {

    static StoreSettings from(PropertiesComponent properties) {
        Settings settings = new Settings(properties);
        DynamoDbSettings dynamoDb = new DynamoDbSettings(
                settings.optionalUri("creditscore.dynamodb.endpoint"),
                settings.optionalText("creditscore.dynamodb.region"),
                settings.flag("creditscore.dynamodb.create-tables"),
                settings.duration("creditscore.dynamodb.call-timeout-ms", ChronoUnit.MILLIS),
                settings.duration("creditscore.dynamodb.attempt-timeout-ms", ChronoUnit.MILLIS),
                settings.optionalText("creditscore.dynamodb.local.data-dir")
                        .map(dir -> settings.path("creditscore.dynamodb.local.data-dir")),
                settings.wholeNumber("creditscore.dynamodb.local.port"),
                settings.path("creditscore.dynamodb.local.native-dir"));
        return new StoreSettings(dynamoDb,
                settings.text("creditscore.customer-table"),
                settings.text("creditscore.history-table"),
                settings.text("creditscore.idempotency-table"),
                settings.text("creditscore.shadow-table"),
                settings.duration("creditscore.idempotency-ttl-hours", ChronoUnit.HOURS),
                settings.optionalDuration("creditscore.idempotency-claim-seconds", ChronoUnit.SECONDS),
                settings.duration("creditscore.shadow.ttl-days", ChronoUnit.DAYS),
                settings.text("creditscore.demo-customers"),
                settings.text("creditscore.cursor-key"));
    }
}

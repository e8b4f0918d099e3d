package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store's settings as the service reads them from {@code application.properties}: the
 * defaults a deployment gets when it sets nothing, the values it sets, and a value that is
 * not of its type, which stops the start naming the setting.
 */
class StoreSettingsTest {

    private final DefaultCamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws IOException {
        context.close();
    }

    @Test
    void withNothingSetTheDefaultsOfApplicationPropertiesHold() {
        StoreSettings settings = StoreSettings.from(settings(Map.of()));

        assertEquals("vpbank-customers", settings.customerTable());
        assertEquals("vpbank-prediction-history", settings.historyTable());
        assertEquals("vpbank-idempotency-keys", settings.idempotencyTable());
        assertEquals("vpbank-shadow-predictions", settings.shadowTable());
        assertEquals(Duration.ofHours(24), settings.idempotencyTtl());
        assertEquals(Optional.empty(), settings.idempotencyClaim());
        assertEquals(Duration.ofDays(30), settings.shadowTtl());
        assertEquals(Duration.ofMillis(2000), settings.dynamoDb().callTimeout());
        assertEquals(Duration.ofMillis(600), settings.dynamoDb().attemptTimeout());
        assertEquals(false, settings.dynamoDb().createTables());
        assertEquals(Optional.of(Path.of("data/dynamodb")), settings.dynamoDb().localDataDir());
        assertEquals(0, settings.dynamoDb().localPort());
    }

    @Test
    void setValuesAreReadAsTheirTypes() {
        StoreSettings settings = StoreSettings.from(settings(Map.of(
                "creditscore.dynamodb.endpoint", " http://127.0.0.1:8000 ",
                "creditscore.dynamodb.region", "ap-southeast-1",
                "creditscore.dynamodb.create-tables", "true",
                "creditscore.dynamodb.call-timeout-ms", "1500",
                "creditscore.dynamodb.local.data-dir", "",
                "creditscore.idempotency-claim-seconds", "45",
                "creditscore.shadow.ttl-days", "7",
                "creditscore.customer-table", "customers-test")));

        assertEquals(Optional.of(URI.create("http://127.0.0.1:8000")), settings.dynamoDb().endpoint());
        assertEquals(Optional.of("ap-southeast-1"), settings.dynamoDb().region());
        assertEquals(true, settings.dynamoDb().createTables());
        assertEquals(Duration.ofMillis(1500), settings.dynamoDb().callTimeout());
        assertEquals(Optional.empty(), settings.dynamoDb().localDataDir());
        assertEquals(Optional.of(Duration.ofSeconds(45)), settings.idempotencyClaim());
        assertEquals(Duration.ofDays(7), settings.shadowTtl());
        assertEquals("customers-test", settings.customerTable());
    }

    @Test
    void aValueThatIsNotANumberStopsTheStartNamingTheSetting() {
        PropertiesComponent properties = settings(Map.of("creditscore.dynamodb.call-timeout-ms", "2s"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StoreSettings.from(properties));

        assertEquals("The setting creditscore.dynamodb.call-timeout-ms must be a whole number, not '2s'",
                refused.getMessage());
    }

    @Test
    void anEndpointThatIsNotAnAddressStopsTheStartNamingTheSetting() {
        PropertiesComponent properties = settings(Map.of("creditscore.dynamodb.endpoint", "http://local host:8000"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StoreSettings.from(properties));

        assertEquals("The setting creditscore.dynamodb.endpoint must be an address (Illegal character in authority),"
                + " not 'http://local host:8000'", refused.getMessage());
    }

    @Test
    void theModelBucketIsInTheRegionOfTheTables() throws IOException {
        Properties file = new Properties();
        try (InputStream in = StoreSettingsTest.class.getResourceAsStream("/application.properties")) {
            file.load(in);
        }

        assertEquals("{{env:AWS_DEFAULT_REGION:}}", file.getProperty("creditscore.dynamodb.region").trim());
        assertEquals(file.getProperty("creditscore.dynamodb.region"), file.getProperty("creditscore.models.s3-region"));
    }

    /** The service's application.properties, with {@code overrides} as a test or a deployment sets them. */
    private PropertiesComponent settings(Map<String, String> overrides) {
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.setLocation("classpath:application.properties");
        Properties set = new Properties();
        set.putAll(overrides);
        properties.setOverrideProperties(set);
        return properties;
    }
}

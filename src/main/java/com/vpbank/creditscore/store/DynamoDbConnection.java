package com.vpbank.creditscore.store;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB the service talks to, chosen from the settings:
 * <ul>
 *   <li>{@code DYNAMODB_ENDPOINT_URL} set: that endpoint (DynamoDB Local run elsewhere);</li>
 *   <li>else {@code AWS_DEFAULT_REGION} set: real DynamoDB in that region, with the default
 *       AWS credential chain (environment, web identity on EKS, instance profile);</li>
 *   <li>neither: the embedded default, DynamoDB Local started in this JVM.</li>
 * </ul>
 */
public final class DynamoDbConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbConnection.class);
    private static final AwsCredentialsProvider LOCAL_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private final DynamoDbClient client;
    private final EmbeddedDynamoDb embedded;
    private final boolean ownsTables;

    private DynamoDbConnection(DynamoDbClient client, EmbeddedDynamoDb embedded, boolean ownsTables) {
        this.client = client;
        this.embedded = embedded;
        this.ownsTables = ownsTables;
    }

    public static DynamoDbConnection fromSettings(PropertiesComponent settings, MetricPublisher callMetrics) {
        String endpoint = setting(settings, "creditscore.dynamodb.endpoint");
        String region = setting(settings, "creditscore.dynamodb.region");
        boolean createTables = Boolean.parseBoolean(setting(settings, "creditscore.dynamodb.create-tables"));
        Duration callTimeout = Duration.ofMillis(Long.parseLong(setting(settings, "creditscore.dynamodb.call-timeout-ms")));
        Duration attemptTimeout =
                Duration.ofMillis(Long.parseLong(setting(settings, "creditscore.dynamodb.attempt-timeout-ms")));

        // A connection for each thread that can call DynamoDB at once (the HTTP workers, the
        // model pool, which goes on to store what it scored, and the shadow pool, which stores
        // shadow records), and no fewer than the SDK's 50.
        int callers = Integer.parseInt(setting(settings, "creditscore.http-worker-threads"))
                + Integer.parseInt(setting(settings, "camel.threadpool.config[modelPool].pool-size"))
                + Integer.parseInt(setting(settings, "creditscore.shadow.pool-size"));

        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(Math.max(callers, 50)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(callTimeout)
                        .apiCallAttemptTimeout(attemptTimeout)
                        .addMetricPublisher(callMetrics)
                        .addExecutionInterceptor(new RefusedCalls())
                        .build());
        if (!endpoint.isEmpty()) {
            LOG.info("DynamoDB at {}", endpoint);
            DynamoDbClient client = builder.endpointOverride(URI.create(endpoint))
                    .region(Region.of(region.isEmpty() ? "us-east-1" : region))
                    .credentialsProvider(AwsCredentialsProviderChain.of(
                            DefaultCredentialsProvider.builder().build(), LOCAL_CREDENTIALS))
                    .build();
            return new DynamoDbConnection(client, null, createTables);
        }
        if (!region.isEmpty()) {
            LOG.info("DynamoDB in region {}", region);
            DynamoDbClient client = builder.region(Region.of(region))
                    .credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .build();
            return new DynamoDbConnection(client, null, createTables);
        }
        if (!EmbeddedDynamoDb.isAvailable()) {
            throw new IllegalStateException("No DynamoDB is configured: set AWS_DEFAULT_REGION (real DynamoDB)"
                    + " or DYNAMODB_ENDPOINT_URL; the embedded DynamoDB Local is not part of this build");
        }
        String dataDir = setting(settings, "creditscore.dynamodb.local.data-dir");
        EmbeddedDynamoDb embedded = EmbeddedDynamoDb.start(
                dataDir.isEmpty() ? null : Path.of(dataDir),
                Integer.parseInt(setting(settings, "creditscore.dynamodb.local.port")),
                Path.of(setting(settings, "creditscore.dynamodb.local.native-dir")));
        DynamoDbClient client = builder.endpointOverride(embedded.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(LOCAL_CREDENTIALS)
                .build();
        return new DynamoDbConnection(client, embedded, true);
    }

    public DynamoDbClient client() {
        return client;
    }

    /** True when the service runs DynamoDB Local itself (the embedded default). */
    public boolean isEmbedded() {
        return embedded != null;
    }

    /** True when the service creates its tables at start-up. */
    public boolean ownsTables() {
        return ownsTables;
    }

    @Override
    public void close() {
        client.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    private static String setting(PropertiesComponent settings, String key) {
        return settings.resolveProperty(key).orElse("").trim();
    }
}

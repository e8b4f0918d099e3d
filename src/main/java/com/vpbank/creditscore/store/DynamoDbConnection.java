package com.vpbank.creditscore.store;

import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB the service talks to, chosen from its {@link DynamoDbSettings}:
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

    /**
     * Connects to the DynamoDB {@code settings} name.
     *
     * @param callers threads that can call DynamoDB at once: the client keeps a connection for
     *     each of them, and no fewer than the SDK's 50
     * @param callMetrics where each call's metrics go
     * @param capacityMeter counts the capacity units each call consumed
     * @param callSpans interceptors that give each call its span (traces); none when tracing is off
     */
    public static DynamoDbConnection open(DynamoDbSettings settings, int callers, MetricPublisher callMetrics,
                                          ExecutionInterceptor capacityMeter, List<ExecutionInterceptor> callSpans) {
        ClientOverrideConfiguration.Builder calls = ClientOverrideConfiguration.builder()
                .apiCallTimeout(settings.callTimeout())
                .apiCallAttemptTimeout(settings.attemptTimeout())
                .addMetricPublisher(callMetrics)
                .addExecutionInterceptor(new RefusedCalls())
                .addExecutionInterceptor(capacityMeter);
        callSpans.forEach(calls::addExecutionInterceptor);
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(Math.max(callers, 50)))
                .overrideConfiguration(calls.build());
        if (settings.endpoint().isPresent()) {
            URI endpoint = settings.endpoint().get();
            LOG.info("DynamoDB at {}", endpoint);
            DynamoDbClient client = builder.endpointOverride(endpoint)
                    .region(Region.of(settings.region().orElse("us-east-1")))
                    .credentialsProvider(AwsCredentialsProviderChain.of(
                            DefaultCredentialsProvider.builder().build(), LOCAL_CREDENTIALS))
                    .build();
            return new DynamoDbConnection(client, null, settings.createTables());
        }
        if (settings.region().isPresent()) {
            String region = settings.region().get();
            LOG.info("DynamoDB in region {}", region);
            DynamoDbClient client = builder.region(Region.of(region))
                    .credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .build();
            return new DynamoDbConnection(client, null, settings.createTables());
        }
        if (!EmbeddedDynamoDb.isAvailable()) {
            throw new IllegalStateException("No DynamoDB is configured: set AWS_DEFAULT_REGION (real DynamoDB)"
                    + " or DYNAMODB_ENDPOINT_URL; the embedded DynamoDB Local is not part of this build");
        }
        EmbeddedDynamoDb embedded = EmbeddedDynamoDb.start(
                settings.localDataDir().orElse(null), settings.localPort(), settings.localNativeDir());
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
}

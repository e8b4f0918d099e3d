package com.vpbank.creditscore.store;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3 client the aws2-s3 component reads the model bundle with: real S3 in
 * {@code AWS_DEFAULT_REGION} with the default credential chain, or an S3-compatible
 * endpoint ({@code S3_ENDPOINT_URL}, path-style addressing); every call within
 * {@code S3_CALL_TIMEOUT_MS}.
 */
public final class S3Connection {

    private S3Connection() {
    }

    /**
     * The client for S3 in {@code region} (us-east-1 when none), or for an S3-compatible
     * {@code endpoint}.
     *
     * @param callTimeout time budget of one S3 call, retries included, and of each read of an
     *     object's body: an S3 that accepts connections and never answers makes a reload
     *     answer 503 within it, rather than after the HTTP client's own time-outs and retries
     * @param callSpans interceptors that give each call its span (traces); none when tracing is off
     */
    public static S3Client open(Optional<URI> endpoint, Optional<String> region, Duration callTimeout,
            List<ExecutionInterceptor> callSpans) {
        ClientOverrideConfiguration.Builder calls = ClientOverrideConfiguration.builder().apiCallTimeout(callTimeout);
        callSpans.forEach(calls::addExecutionInterceptor);
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(callTimeout)
                        .socketTimeout(callTimeout))
                .overrideConfiguration(calls.build())
                .region(Region.of(region.orElse("us-east-1")));
        if (endpoint.isEmpty()) {
            return builder.credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
        }
        return builder.endpointOverride(endpoint.get())
                .forcePathStyle(true)
                .credentialsProvider(AwsCredentialsProviderChain.of(DefaultCredentialsProvider.builder().build(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))))
                .build();
    }
}

package com.vpbank.creditscore.store;

import java.net.URI;
import org.apache.camel.spi.PropertiesComponent;
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
 * endpoint ({@code S3_ENDPOINT_URL}, path-style addressing).
 */
public final class S3Connection {

    private S3Connection() {
    }

    public static S3Client fromSettings(PropertiesComponent settings) {
        String endpoint = settings.resolveProperty("creditscore.models.s3-endpoint").orElse("").trim();
        String region = settings.resolveProperty("creditscore.dynamodb.region").orElse("").trim();
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .region(Region.of(region.isEmpty() ? "us-east-1" : region));
        if (endpoint.isEmpty()) {
            return builder.credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
        }
        return builder.endpointOverride(URI.create(endpoint))
                .forcePathStyle(true)
                .credentialsProvider(AwsCredentialsProviderChain.of(DefaultCredentialsProvider.builder().build(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))))
                .build();
    }
}

package com.vpbank.creditscore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.api.PortfolioRunRequests;
import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.observe.ServiceMetrics;
import com.vpbank.creditscore.portfolio.PortfolioOutput;
import com.vpbank.creditscore.portfolio.PortfolioProgress;
import com.vpbank.creditscore.portfolio.PortfolioRunStarts;
import com.vpbank.creditscore.portfolio.PortfolioRuns;
import com.vpbank.creditscore.portfolio.PortfolioShards;
import com.vpbank.creditscore.scoring.BatchScoring;
import com.vpbank.creditscore.scoring.PredictRequestReader;
import com.vpbank.creditscore.store.DynamoDbConnection;
import com.vpbank.creditscore.store.S3Connection;
import com.vpbank.creditscore.store.ServiceTables;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.apache.camel.spi.Registry;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Binds portfolio runs: {@code portfolioShards} (the steps of a shard), {@code portfolioRunRequests}
 * (the API's), and, with {@code ML_DATA_BUCKET} set, {@code portfolioRunStarts} and
 * {@code portfolioS3Client}; creates the run table where the service owns its tables.
 */
final class PortfolioWiring {

    private PortfolioWiring() {
    }

    static void bind(Registry registry, PortfolioSettings settings, ModelSettings models, ModelRegistry champion,
            DynamoDbConnection dynamo, String customerTable, ObjectMapper objectMapper, ServiceMetrics metrics,
            List<ExecutionInterceptor> awsCalls) {
        if (dynamo.ownsTables()) {
            new ServiceTables(dynamo.client()).createPortfolioRunTable(settings.runTable());
        }
        PortfolioRuns runs = new PortfolioRuns(dynamo.client(), settings.runTable(), Clock.systemUTC());
        S3Client s3 = null;
        PortfolioRunStarts starts = null;
        if (models.fromS3()) {
            s3 = S3Connection.open(models.s3Endpoint(), models.s3Region(), models.s3CallTimeout(), awsCalls);
            registry.bind("portfolioS3Client", S3Client.class, s3, null, "close");
            starts = new PortfolioRunStarts(runs, champion, s3, models.bucket(), settings.outputPrefix(),
                    settings.batchRows());
            registry.bind("portfolioRunStarts", starts);
        }
        BatchScoring scoring = new BatchScoring(objectMapper, new PredictRequestReader(objectMapper, champion), metrics);
        // The replica's name in the leases it holds: one per process.
        String owner = UUID.randomUUID().toString();
        registry.bind("portfolioShards", new PortfolioShards(runs, champion, s3, models.bucket(), customerTable,
                scoring, new PortfolioOutput(s3, models.bucket(), objectMapper),
                new PortfolioProgress(metrics::registry, settings.progressInterval()), owner, settings.lease(),
                settings.maxAttempts()));
        registry.bind("portfolioRunRequests", new PortfolioRunRequests(objectMapper, starts));
    }
}

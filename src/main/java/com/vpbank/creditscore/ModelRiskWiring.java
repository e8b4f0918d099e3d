package com.vpbank.creditscore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.api.AuditPages;
import com.vpbank.creditscore.api.Outcomes;
import com.vpbank.creditscore.api.PerformanceReports;
import com.vpbank.creditscore.api.Replays;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.observe.ServiceMetrics;
import com.vpbank.creditscore.risk.ArchivedModels;
import com.vpbank.creditscore.risk.AuditTrail;
import com.vpbank.creditscore.risk.DecisionReplay;
import com.vpbank.creditscore.risk.FolderModelArchive;
import com.vpbank.creditscore.risk.ModelArchive;
import com.vpbank.creditscore.risk.ModelChanges;
import com.vpbank.creditscore.risk.ModelInventory;
import com.vpbank.creditscore.risk.ModelPerformance;
import com.vpbank.creditscore.risk.OutcomeRecords;
import com.vpbank.creditscore.risk.PerformanceMeters;
import com.vpbank.creditscore.risk.PredictionRecords;
import com.vpbank.creditscore.risk.S3ModelArchive;
import com.vpbank.creditscore.store.S3Connection;
import com.vpbank.creditscore.store.ServiceTables;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.spi.Registry;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Binds model risk management: {@code modelInventory} (GET /models), {@code auditPages}
 * (GET /api/v1/audit), {@code replays} (POST /api/v1/replay), {@code outcomes} (POST
 * /api/v1/outcomes), {@code performanceReports} (GET /models/performance), and the model
 * changes every reload goes through (approval, archive, inventory, audit trail). Creates the
 * audit and outcome tables where the service owns its tables.
 */
final class ModelRiskWiring {

    private ModelRiskWiring() {
    }

    /** @return what every reload of a bundle goes through, for {@link ModelWiring#bindLoading} */
    static ModelChanges bind(Registry registry, ModelRiskSettings settings, ModelSettings models,
            StoreSettings store, DynamoDbClient dynamo, boolean ownsTables, ObjectMapper objectMapper,
            ServiceMetrics metrics, List<ExecutionInterceptor> s3CallSpans) {
        if (ownsTables) {
            ServiceTables tables = new ServiceTables(dynamo);
            tables.createAuditTable(settings.auditTable());
            tables.createOutcomeTable(settings.outcomeTable());
        }
        ModelArchive archive = archive(registry, settings, models, s3CallSpans);
        ModelInventory inventory = new ModelInventory(Map.of(
                ModelBundle.CHAMPION, models.fromS3() ? s3(models.bucket(), models.championPrefix())
                        : Path.of(models.modelsDir()).toAbsolutePath().normalize().toString(),
                ModelBundle.CHALLENGER, models.fromS3() && !models.challengerPrefix().isEmpty()
                        ? s3(models.bucket(), models.challengerPrefix())
                        : models.challengerDir().isEmpty() ? ""
                        : Path.of(models.challengerDir()).toAbsolutePath().normalize().toString()),
                archive.location());
        registry.bind("modelInventory", inventory);
        AuditTrail trail = new AuditTrail(dynamo, settings.auditTable(), objectMapper);
        registry.bind("auditPages", new AuditPages(trail));
        ArchivedModels archived = new ArchivedModels(archive, models.cacheDir().resolve("archived"));
        registry.bind("archivedModels", ArchivedModels.class, archived, null, "close");
        PredictionRecords predictions = new PredictionRecords(dynamo, store.historyTable());
        registry.bind("replays", new Replays(objectMapper, new DecisionReplay(predictions, archived, objectMapper)));
        OutcomeRecords outcomes = new OutcomeRecords(dynamo, settings.outcomeTable(), store.shadowTable());
        PerformanceMeters meters = new PerformanceMeters(metrics);
        registry.bind("outcomes", new Outcomes(objectMapper, predictions, outcomes, meters, Clock.systemUTC()));
        registry.bind("performanceReports", new PerformanceReports(new ModelPerformance(outcomes, meters)));
        return new ModelChanges(settings.approvalRequired(), archive, inventory, trail, objectMapper,
                Clock.systemUTC());
    }

    /** In S3 beside the bundles when they come from S3, else in a folder. */
    private static ModelArchive archive(Registry registry, ModelRiskSettings settings, ModelSettings models,
            List<ExecutionInterceptor> s3CallSpans) {
        if (models.fromS3()) {
            for (String bundlePrefix : new String[] {models.championPrefix(), models.challengerPrefix()}) {
                if (overlap(settings.archivePrefix(), bundlePrefix)) {
                    throw new IllegalArgumentException("MODEL_ARCHIVE_PREFIX '" + settings.archivePrefix()
                            + "' and the bundle prefix '" + bundlePrefix + "' must not contain one another:"
                            + " the archive would be read as part of the bundle");
                }
            }
            S3Client s3 = S3Connection.open(models.s3Endpoint(), models.s3Region(), models.s3CallTimeout(),
                    s3CallSpans);
            registry.bind("modelArchiveS3Client", S3Client.class, s3, null, "close");
            return new S3ModelArchive(s3, models.bucket(), settings.archivePrefix());
        }
        return new FolderModelArchive(Path.of(settings.archiveDir()));
    }

    /** Whether one prefix's keys can be listed under the other's (an empty bundle prefix is none). */
    static boolean overlap(String archivePrefix, String bundlePrefix) {
        if (bundlePrefix.isEmpty()) {
            return false;
        }
        String archive = archivePrefix.endsWith("/") ? archivePrefix : archivePrefix + "/";
        String bundle = bundlePrefix.endsWith("/") ? bundlePrefix : bundlePrefix + "/";
        return archive.startsWith(bundle) || bundle.startsWith(archive);
    }

    private static String s3(String bucket, String prefix) {
        return "s3://" + bucket + "/" + (prefix.endsWith("/") || prefix.isEmpty() ? prefix : prefix + "/");
    }
}

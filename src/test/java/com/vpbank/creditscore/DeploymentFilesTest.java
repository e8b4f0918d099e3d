package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The service reads its route files and its model bundle from the file system, at start-up only. */
class DeploymentFilesTest {

    private static final Pattern SOCIAL_STEP = Pattern.compile(
            "(?m)^( *)- bean:\\n\\1    ref: modelScoring\\n\\1    method: \"scoreWithImpactsOptional\\(\\*, 'social'\\)\"\\n");

    @Test
    void anEditedRouteFileChangesBehaviourAfterARestart(@TempDir Path routes) throws IOException {
        copyFolder(Path.of("routes"), routes);
        Path predict = routes.resolve("predict.camel.yaml");
        String original = Files.readString(predict);
        // The social model's step taken out of both multicasts (in parallel, one after the other).
        String withoutSocial = SOCIAL_STEP.matcher(original).replaceAll("");
        assertEquals(2, SOCIAL_STEP.matcher(original).results().count(),
                "the social step of each of the two multicasts is in the route file");

        JsonNode before;
        try (RunningService service = RunningService.start(Map.of("camel.main.routes-include-pattern",
                "file:" + routes + "/*.camel.yaml"))) {
            before = predictExisting(service);
        }
        Files.writeString(predict, withoutSocial);
        JsonNode after;
        try (RunningService service = RunningService.start(Map.of("camel.main.routes-include-pattern",
                "file:" + routes + "/*.camel.yaml"))) {
            after = predictExisting(service);
        }

        assertEquals(2, before.get("num_models_used").asInt());
        assertEquals(1, after.get("num_models_used").asInt());
        assertEquals("traditional", after.at("/models/0/model").asText());
    }

    @Test
    void noModelFileIsReadWhileServing(@TempDir Path bundle) throws IOException {
        copyFolder(Path.of("models"), bundle);
        try (RunningService service = RunningService.start(Map.of("creditscore.models-dir", bundle.toString()))) {
            deleteFolder(bundle);

            JsonNode answer = predictExisting(service);

            assertEquals(2, answer.get("num_models_used").asInt());
        }
    }

    private static JsonNode predictExisting(RunningService service) {
        String customerId = "CUS-" + UUID.randomUUID();
        service.dynamo().putItem(request -> request.tableName(service.customerTable())
                .item(Map.of("customer_id", AttributeValue.fromS(customerId))));
        var response = service.post("/api/v1/predict", ScoringServiceTest.predictBody(customerId, DemoFeatures.EXISTING));
        assertEquals(200, response.statusCode(), response.body());
        return service.json(response);
    }

    /** Copies a folder and everything in it. */
    static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path file : all) {
                Files.delete(file);
            }
        }
    }
}

package com.vpbank.creditscore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's portfolio Job: off by default; on, one Indexed Job per run id whose pods score
 * one shard each in batch mode, carry none of the service's selector labels, and are replaced
 * per index; refused below Kubernetes 1.28 and without a run id, an input or a bucket.
 */
class PortfolioJobChartTest {

    private static final Path CHART = Path.of("helm/credit-score");
    private static final ObjectMapper YAML = new YAMLMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String ON = """
            models: {bucket: vpbank-ml-data}
            portfolio:
              job: {enabled: true, runId: book-2026-12, input: portfolio/book.jsonl, completions: 8, parallelism: 4,
                    backoffLimitPerIndex: 2, batchRows: 1000}
            """;

    @Test
    void thereIsNoJobByDefault() throws IOException {
        assertEquals(List.of(), jobs(render(null, "1.31.0")));
    }

    @Test
    void aRunIsAnIndexedJobOfOneShardAPod(@TempDir Path dir) throws IOException {
        List<JsonNode> objects = render(values(dir, ON), "1.31.0");
        List<Job> jobs = jobs(objects);

        assertEquals(1, jobs.size());
        Job job = jobs.get(0);
        assertEquals("Indexed", job.getSpec().getCompletionMode());
        assertEquals(8, job.getSpec().getCompletions());
        assertEquals(4, job.getSpec().getParallelism());
        assertEquals(2, job.getSpec().getBackoffLimitPerIndex());
        assertEquals("Never", job.getSpec().getTemplate().getSpec().getRestartPolicy());
        Map<String, String> env = job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(variable -> variable.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertEquals("book-2026-12", env.get("PORTFOLIO_RUN_ID"));
        assertEquals("portfolio/book.jsonl", env.get("PORTFOLIO_RUN_INPUT"));
        assertEquals("8", env.get("PORTFOLIO_SHARDS"));
        assertEquals("1000", env.get("PORTFOLIO_BATCH_ROWS"));
        // No Service, budget or policy of the API selects the Job's pods.
        Map<String, String> podLabels = job.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(!podLabels.containsKey("app.kubernetes.io/name"), podLabels.toString());
        JsonNode settings = objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap")
                && o.path("metadata").path("name").asText().endsWith("-settings")).findFirst().orElseThrow();
        assertEquals("vpbank-portfolio-runs", settings.path("data").path("PORTFOLIO_RUN_TABLE_NAME").asText());
        assertTrue(job.getMetadata().getName().length() <= 63);
    }

    @Test
    void aNewRunIdIsANewJob(@TempDir Path dir) throws IOException {
        String first = jobs(render(values(dir, ON), "1.31.0")).get(0).getMetadata().getName();
        String second = jobs(render(values(dir, ON.replace("book-2026-12", "book-2027-01")), "1.31.0")).get(0)
                .getMetadata().getName();

        assertNotEquals(first, second);
    }

    @Test
    void theJobIsRefusedWhereItCannotWork(@TempDir Path dir) throws IOException {
        Path on = values(dir, ON);
        Exception old = assertThrows(Exception.class, () -> render(on, "1.27.0"));
        assertTrue(old.getMessage().contains("portfolio.job needs Kubernetes 1.28 or later"), old.getMessage());
        Exception noRun = assertThrows(Exception.class, () -> render(values(dir, ON.replace("runId: book-2026-12, ", "")),
                "1.31.0"));
        assertTrue(noRun.getMessage().contains("portfolio.job needs portfolio.job.runId"), noRun.getMessage());
        Exception tooWide = assertThrows(Exception.class, () -> render(values(dir, ON.replace("parallelism: 4",
                "parallelism: 9")), "1.31.0"));
        assertTrue(tooWide.getMessage().contains("parallelism is above"), tooWide.getMessage());
    }

    private static List<JsonNode> render(Path values, String kubeVersion) throws IOException {
        var template = new Helm(CHART).template().withName("credit-score").withNamespace("scoring")
                .withKubeVersion(kubeVersion);
        String manifest = (values == null ? template : template.withValuesFile(values)).call();
        List<JsonNode> objects = new ArrayList<>();
        for (String document : manifest.split("(?m)^---\\s*$")) {
            JsonNode node = YAML.readTree(document);
            if (node != null && !node.isMissingNode() && !node.isNull()) {
                objects.add(node);
            }
        }
        return objects;
    }

    private static List<Job> jobs(List<JsonNode> objects) throws IOException {
        List<Job> jobs = new ArrayList<>();
        for (JsonNode object : objects) {
            if (object.path("kind").asText().equals("Job")) {
                jobs.add(YAML.treeToValue(object, Job.class));
            }
        }
        return jobs;
    }

    private static Path values(Path dir, String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "values", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}

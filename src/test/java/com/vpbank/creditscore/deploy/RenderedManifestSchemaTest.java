package com.vpbank.creditscore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest the chart renders, for its defaults and for each values file of
 * {@code helm/credit-score/ci/}, at both ends of the chart's {@code kubeVersion} range, parses
 * strictly as the Kubernetes object of its kind: fabric8's models, generated from Kubernetes'
 * own OpenAPI schema (kubernetes-model 7.3, Kubernetes 1.33), with no field left over that
 * the schema does not know. A misspelt or misplaced field in a template fails here, not at
 * the API server. The Prometheus Operator's kinds (custom resources) are not covered.
 */
class RenderedManifestSchemaTest {

    private static final Path CHART = Path.of("helm/credit-score");
    private static final ObjectMapper YAML = new YAMLMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Deployment", Deployment.class,
            "Service", Service.class,
            "ServiceAccount", ServiceAccount.class,
            "ConfigMap", ConfigMap.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "PodDisruptionBudget", PodDisruptionBudget.class,
            "NetworkPolicy", NetworkPolicy.class,
            "Ingress", Ingress.class,
            "Pod", Pod.class,
            "Job", Job.class);
    private static final List<String> CUSTOM_KINDS = List.of("ServiceMonitor", "PrometheusRule");

    static Stream<Arguments> renderings() throws IOException {
        List<Arguments> renderings = new ArrayList<>();
        List<Path> values = new ArrayList<>();
        values.add(null);
        try (Stream<Path> files = Files.list(CHART.resolve("ci"))) {
            files.filter(file -> file.toString().endsWith("-values.yaml")).sorted().forEach(values::add);
        }
        for (Path file : values) {
            for (String kubeVersion : List.of("1.25.0", "1.33.0")) {
                renderings.add(Arguments.of(file == null ? "defaults" : file.getFileName().toString(), file, kubeVersion));
            }
        }
        return renderings.stream();
    }

    @ParameterizedTest(name = "{0} on Kubernetes {2}")
    @MethodSource("renderings")
    void everyRenderedObjectFitsItsKubernetesSchema(String name, Path values, String kubeVersion) throws Exception {
        TemplateCommand template = new Helm(CHART).template().withName("credit-score").withNamespace("scoring")
                .withKubeVersion(kubeVersion);
        if (values != null) {
            template = template.withValuesFile(values);
        }
        if (name.contains("all-features") && kubeVersion.startsWith("1.25")) {
            // The values that need a newer Kubernetes (the preStop sleep action) are refused below it.
            try {
                template.call();
            } catch (RuntimeException refused) {
                return;
            }
        }
        List<String> unknown = new ArrayList<>();
        int objects = 0;
        for (String document : template.call().split("(?m)^---\\s*$")) {
            JsonNode node = YAML.readTree(document);
            if (node == null || node.isMissingNode() || node.isNull()) {
                continue;
            }
            String kind = node.path("kind").asText();
            if (CUSTOM_KINDS.contains(kind)) {
                continue;
            }
            Class<? extends HasMetadata> type = KINDS.get(kind);
            assertNotNull(type, "a known kind: " + kind);
            HasMetadata object = YAML.treeToValue(node, type);
            leftOver(object, kind + " " + object.getMetadata().getName(), unknown);
            objects++;
        }
        assertFalse(objects == 0, "the chart rendered objects");
        assertEquals(List.of(), unknown, "fields the Kubernetes schema does not know");
    }

    @org.junit.jupiter.api.Test
    void aMisspeltFieldIsFound() throws Exception {
        Deployment deployment = YAML.readValue("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: misspelt}
                spec:
                  template:
                    spec:
                      containers:
                        - name: service
                          image: credit-score
                          imagePullPolcy: Always
                """, Deployment.class);
        List<String> unknown = new ArrayList<>();

        leftOver(deployment, "Deployment misspelt", unknown);

        assertEquals(List.of("Deployment misspelt.spec.template.spec.containers[0]: [imagePullPolcy]"), unknown);
    }

    /** Every field that the model kept aside as unknown ({@code additionalProperties}), with its path. */
    private static void leftOver(Object value, String path, List<String> unknown) throws Exception {
        if (value == null || !value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    leftOver(item, path + "[" + i++ + "]", unknown);
                }
            } else if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    leftOver(entry.getValue(), path + "." + entry.getKey(), unknown);
                }
            }
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field = getter.invoke(value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
                continue;
            }
            leftOver(field, path + "." + Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4),
                    unknown);
        }
    }
}

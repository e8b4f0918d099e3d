package com.vpbank.creditscore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Helm chart, linted and rendered by Helm itself (helm-java), checked against what the
 * application really reads and serves: its ports, health paths, settings and route files.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("helm/credit-score");
    private static final Path PRODUCTION_VALUES = Path.of("helm/examples/production-values.yaml");
    private static final Path ROUTES = Path.of("routes");
    private static final Path APP_SETTINGS = Path.of("src/main/resources/application.properties");
    private static final Path LOG_SETTINGS = Path.of("src/main/resources/log4j2.xml");
    /** Read by the JVM itself rather than by the application's settings. */
    private static final Set<String> JVM_ENVIRONMENT = Set.of("JAVA_TOOL_OPTIONS");

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Deployment", Deployment.class,
            "Service", Service.class,
            "ServiceAccount", ServiceAccount.class,
            "ConfigMap", ConfigMap.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "PodDisruptionBudget", PodDisruptionBudget.class,
            "NetworkPolicy", NetworkPolicy.class);

    @Test
    void theChartPassesHelmLint() {
        LintResult result = new Helm(CHART).lint().strict().call();

        assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
    }

    @Test
    void probesUseThePathsAndPortTheApplicationServes() throws IOException {
        for (Rendered rendered : List.of(render(null), render(PRODUCTION_VALUES))) {
            Container container = rendered.container();
            String healthPath = appDefault("camel.management.health-path");
            int managementPort = Integer.parseInt(rendered.setting("MANAGEMENT_PORT"));

            assertEquals(Integer.parseInt(appDefault("camel.management.port")), managementPort,
                    "the chart's management port is the application's default");
            assertEquals(managementPort, namedPort(container, "management").getContainerPort());
            assertProbe(container.getLivenessProbe(), healthPath + "/live", container, managementPort);
            assertProbe(container.getStartupProbe(), healthPath + "/live", container, managementPort);
            assertProbe(container.getReadinessProbe(), healthPath + "/ready", container, managementPort);

            int httpPort = Integer.parseInt(rendered.setting("SERVER_PORT"));
            assertEquals(Integer.parseInt(appDefault("camel.server.port")), httpPort);
            assertEquals(httpPort, namedPort(container, "http").getContainerPort());
            Service service = rendered.one(Service.class);
            assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
        }
    }

    @Test
    void everyEnvironmentVariableTheChartSetsIsOneTheApplicationReads() throws IOException {
        Set<String> read = environmentTheApplicationReads();
        for (Rendered rendered : List.of(render(null), render(PRODUCTION_VALUES))) {
            Set<String> set = new HashSet<>(rendered.settings().keySet());
            rendered.container().getEnv().stream().map(EnvVar::getName).forEach(set::add);
            set.removeAll(JVM_ENVIRONMENT);

            Set<String> unknown = new HashSet<>(set);
            unknown.removeAll(read);
            assertEquals(Set.of(), unknown, "set by the chart but never read by the application");
            assertTrue(set.containsAll(Set.of("CUSTOMER_TABLE_NAME", "AWS_DEFAULT_REGION", "ML_DATA_BUCKET",
                    "ROUTES_DIR", "MODEL_CACHE_DIR", "SHUTDOWN_TIMEOUT_SECONDS")));
        }
    }

    @Test
    void theImageSetsOnlyVariablesTheApplicationReads() throws IOException {
        Set<String> read = environmentTheApplicationReads();
        Matcher env = Pattern.compile("(?m)^ENV\\s+(.+)$").matcher(Files.readString(Path.of("Dockerfile")));
        Set<String> set = new HashSet<>();
        while (env.find()) {
            for (String assignment : env.group(1).split("\\s+")) {
                set.add(assignment.substring(0, assignment.indexOf('=')));
            }
        }
        assertFalse(set.isEmpty());
        set.removeAll(read);
        assertEquals(Set.of(), set, "set by the Dockerfile but never read by the application");
    }

    @Test
    void theRouteConfigMapHoldsEveryRouteFileAndIsWhatThePodReads() throws IOException {
        Rendered rendered = render(null);
        Map<String, String> routes = rendered.configMap("-routes").getData();

        assertEquals(repositoryRoutes(), new TreeMap<>(routes));

        Container container = rendered.container();
        String routesDir = rendered.setting("ROUTES_DIR");
        VolumeMount mount = mountAt(container, routesDir);
        Volume volume = volume(rendered.pod(), mount.getName());
        assertEquals(rendered.configMap("-routes").getMetadata().getName(), volume.getConfigMap().getName());
        assertTrue(appSetting("camel.main.routes-include-pattern").contains("{{env:ROUTES_DIR:"),
                "the application reads its routes from ROUTES_DIR");
    }

    @Test
    void aRouteFileInTheValuesReplacesOrAddsAFileAndRollsThePods(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("routes.yaml");
        Files.writeString(values, """
                routes:
                  files:
                    predict.camel.yaml: "- route: {id: replaced, from: {uri: 'direct:replaced', steps: []}}"
                    extra.camel.yaml: "- route: {id: extra, from: {uri: 'direct:extra', steps: []}}"
                """);
        Rendered plain = render(null);
        Rendered changed = render(values);

        Map<String, String> routes = changed.configMap("-routes").getData();
        Set<String> expected = new HashSet<>(repositoryRoutes().keySet());
        expected.add("extra.camel.yaml");
        assertEquals(expected, routes.keySet());
        assertTrue(routes.get("predict.camel.yaml").contains("direct:replaced"));
        assertEquals(repositoryRoutes().get("search.camel.yaml"), routes.get("search.camel.yaml"));
        assertNotEquals(plain.podAnnotation("checksum/routes"), changed.podAnnotation("checksum/routes"));
        assertEquals(plain.podAnnotation("checksum/settings"), changed.podAnnotation("checksum/settings"));
    }

    @Test
    void podsRunRestrictedWithWritableTempAndModelCache() throws IOException {
        Rendered rendered = render(PRODUCTION_VALUES);
        PodSpec pod = rendered.pod();
        Container container = rendered.container();

        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
        for (String writable : List.of("/tmp", rendered.setting("MODEL_CACHE_DIR"))) {
            VolumeMount mount = mountAt(container, writable);
            assertNotEquals(Boolean.TRUE, mount.getReadOnly());
            assertNotNull(volume(pod, mount.getName()).getEmptyDir(), writable + " is an emptyDir");
        }
        assertNotNull(container.getResources().getLimits().get("memory"));
        assertNotNull(container.getResources().getRequests().get("cpu"));
    }

    @Test
    void terminationWaitsForPreStopAndCamelsShutdownTimeout() throws IOException {
        for (Rendered rendered : List.of(render(null), render(PRODUCTION_VALUES))) {
            List<String> preStop = rendered.container().getLifecycle().getPreStop().getExec().getCommand();
            assertEquals("sleep", preStop.get(0));
            long preStopSeconds = Long.parseLong(preStop.get(1));
            long shutdownSeconds = Long.parseLong(rendered.setting("SHUTDOWN_TIMEOUT_SECONDS"));
            assertTrue(appSetting("camel.main.shutdown-timeout").contains("{{env:SHUTDOWN_TIMEOUT_SECONDS:"));

            long grace = rendered.pod().getTerminationGracePeriodSeconds();
            assertTrue(grace > preStopSeconds + shutdownSeconds,
                    "grace " + grace + " s covers preStop " + preStopSeconds + " s and shutdown " + shutdownSeconds + " s");
        }
    }

    @Test
    void productionValuesWireTheRoleTheSecretTheAutoscalerAndTheNetworkPolicy() throws IOException {
        Rendered rendered = render(PRODUCTION_VALUES);

        ServiceAccount account = rendered.one(ServiceAccount.class);
        assertEquals("arn:aws:iam::123456789012:role/credit-score",
                account.getMetadata().getAnnotations().get("eks.amazonaws.com/role-arn"));
        assertEquals(account.getMetadata().getName(), rendered.pod().getServiceAccountName());

        EnvVar keys = rendered.container().getEnv().stream()
                .filter(e -> e.getName().equals("API_KEYS")).findFirst().orElseThrow();
        assertEquals("credit-score-auth", keys.getValueFrom().getSecretKeyRef().getName());
        assertEquals("vpbank-ml-data", rendered.setting("ML_DATA_BUCKET"));
        assertEquals("prod-customers", rendered.setting("CUSTOMER_TABLE_NAME"));
        assertEquals("32768", rendered.setting("MAX_REQUEST_BYTES"));

        Deployment deployment = rendered.one(Deployment.class);
        HorizontalPodAutoscaler autoscaler = rendered.one(HorizontalPodAutoscaler.class);
        assertEquals(deployment.getMetadata().getName(), autoscaler.getSpec().getScaleTargetRef().getName());
        assertEquals(3, autoscaler.getSpec().getMinReplicas());
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        PodDisruptionBudget budget = rendered.one(PodDisruptionBudget.class);
        assertTrue(podLabels.entrySet().containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet()));
        NetworkPolicy policy = rendered.one(NetworkPolicy.class);
        assertTrue(podLabels.entrySet().containsAll(policy.getSpec().getPodSelector().getMatchLabels().entrySet()));

        assertTrue(render(null).all(NetworkPolicy.class).isEmpty(), "the network policy is off by default");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "replicas: 3",
        "ports: {management: web}",
        "aws: {region: ''}",
        "shutdown: {preStopSeconds: 5, timeoutSeconds: 0}",
        "serviceAccount: {roleArn: credit-score-role}",
        "dynamodb: {customerTable: 'a b', historyTable: h-table, idempotencyTable: i-table}",
        "routes: {files: {predict.yaml: 'x'}}",
        "extraSettings: {lower_case: x}",
        "resources: {requests: {cpu: lots, memory: 1Gi}, limits: {memory: 1Gi}}",
    })
    void theSchemaRejectsABadValuesFile(String badValues, @TempDir Path dir) throws IOException {
        Path values = dir.resolve("bad.yaml");
        Files.writeString(values, badValues + "\n");

        Exception refused = assertThrows(Exception.class, () -> template(values).call());
        assertTrue(refused.getMessage().contains("schema"), refused.getMessage());
    }

    // --- the application's side -------------------------------------------------------

    private static Properties appSettings() throws IOException {
        Properties settings = new Properties();
        try (InputStream in = Files.newInputStream(APP_SETTINGS)) {
            settings.load(in);
        }
        return settings;
    }

    private static String appSetting(String key) throws IOException {
        String value = appSettings().getProperty(key);
        assertNotNull(value, key + " is in application.properties");
        return value;
    }

    /** The value a setting has when its environment variable is not set. */
    private static String appDefault(String key) throws IOException {
        String value = appSetting(key);
        Matcher env = Pattern.compile("\\{\\{env:[A-Z0-9_]+:([^}]*)}}").matcher(value);
        return env.matches() ? env.group(1) : value;
    }

    private static Set<String> environmentTheApplicationReads() throws IOException {
        Set<String> names = new HashSet<>();
        Matcher app = Pattern.compile("\\{\\{env:([A-Z0-9_]+)").matcher(Files.readString(APP_SETTINGS));
        while (app.find()) {
            names.add(app.group(1));
        }
        Matcher log = Pattern.compile("\\$\\{env:([A-Z0-9_]+)").matcher(Files.readString(LOG_SETTINGS));
        while (log.find()) {
            names.add(log.group(1));
        }
        return names;
    }

    private static Map<String, String> repositoryRoutes() throws IOException {
        try (Stream<Path> files = Files.list(ROUTES)) {
            Map<String, String> routes = new TreeMap<>();
            for (Path file : files.collect(Collectors.toList())) {
                routes.put(file.getFileName().toString(), Files.readString(file));
            }
            return routes;
        }
    }

    // --- the chart's side -------------------------------------------------------------

    private static TemplateCommand template(Path values) {
        TemplateCommand command = new Helm(CHART).template().withName("credit-score").withNamespace("scoring")
                .withKubeVersion("1.31.0");
        return values == null ? command : command.withValuesFile(values);
    }

    private static Rendered render(Path values) throws IOException {
        String manifest = template(values).call();
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : manifest.split("(?m)^---\\s*$")) {
            JsonNode node = YAML.readTree(document);
            if (node == null || node.isMissingNode() || node.isNull()) {
                continue;
            }
            Class<? extends HasMetadata> kind = KINDS.get(node.path("kind").asText());
            assertNotNull(kind, "a known kind: " + node.path("kind").asText());
            objects.add(YAML.treeToValue(node, kind));
        }
        return new Rendered(objects);
    }

    private static void assertProbe(Probe probe, String path, Container container, int port) {
        assertNotNull(probe);
        assertEquals(path, probe.getHttpGet().getPath());
        String portName = probe.getHttpGet().getPort().getStrVal();
        assertEquals(port, namedPort(container, portName).getContainerPort());
    }

    private static ContainerPort namedPort(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + name));
    }

    private static VolumeMount mountAt(Container container, String path) {
        return container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing is mounted at " + path));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private record Rendered(List<HasMetadata> objects) {

        <T extends HasMetadata> List<T> all(Class<T> kind) {
            return objects.stream().filter(kind::isInstance).map(kind::cast).collect(Collectors.toList());
        }

        <T extends HasMetadata> T one(Class<T> kind) {
            List<T> found = all(kind);
            assertEquals(1, found.size(), "one " + kind.getSimpleName());
            return found.get(0);
        }

        ConfigMap configMap(String suffix) {
            return all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().endsWith(suffix))
                    .findFirst().orElseThrow();
        }

        Map<String, String> settings() {
            return configMap("-settings").getData();
        }

        String setting(String name) {
            String value = settings().get(name);
            assertNotNull(value, name + " is set by the chart");
            return value;
        }

        PodSpec pod() {
            return one(Deployment.class).getSpec().getTemplate().getSpec();
        }

        Container container() {
            return pod().getContainers().get(0);
        }

        String podAnnotation(String name) {
            return one(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations().get(name);
        }
    }
}

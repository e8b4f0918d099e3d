package com.vpbank.creditscore.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Helm chart, linted and rendered by Helm itself (helm-java), checked against what the
 * application really reads and serves (its ports, health and metrics paths, settings and
 * route files) and against the image's Dockerfile.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("helm/credit-score");
    private static final Path VALUES = CHART.resolve("values.yaml");
    private static final Path SCHEMA = CHART.resolve("values.schema.json");
    private static final Path CHART_README = CHART.resolve("README.md");
    private static final Path CI_VALUES = CHART.resolve("ci");
    private static final Path PRODUCTION_VALUES = Path.of("helm/examples/production-values.yaml");
    private static final Path ROUTES = Path.of("routes");
    private static final Path APP_SETTINGS = Path.of("src/main/resources/application.properties");
    private static final Path LOG_SETTINGS = Path.of("src/main/resources/log4j2.xml");
    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Path DOCKERIGNORE = Path.of(".dockerignore");
    /** Read by the JVM itself rather than by the application's settings. */
    private static final Set<String> JVM_ENVIRONMENT = Set.of("JAVA_TOOL_OPTIONS");
    private static final String NAME_LABEL = "app.kubernetes.io/name";
    private static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

    private static final Path TEST_HOOKS = CHART.resolve("templates/tests");
    private static final Pattern HOOK_ANNOTATION = Pattern.compile("(?m)^\\s*helm\\.sh/hook[a-z-]*:.*\\n");

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("Deployment", Deployment.class),
            Map.entry("Service", Service.class),
            Map.entry("ServiceAccount", ServiceAccount.class),
            Map.entry("ConfigMap", ConfigMap.class),
            Map.entry("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("NetworkPolicy", NetworkPolicy.class),
            Map.entry("Ingress", Ingress.class),
            Map.entry("Pod", Pod.class),
            Map.entry("Job", Job.class),
            Map.entry("ServiceMonitor", GenericKubernetesResource.class),
            Map.entry("PrometheusRule", GenericKubernetesResource.class));

    /**
     * The chart as it is rendered here: Helm's library leaves hooks out of what it renders
     * (the helm CLI appends them), so in this copy the helm test pod has its hook annotations
     * removed and is rendered with the rest; theHelmTestCallsHealthAndReadinessThroughTheServices
     * checks the annotations on the original.
     */
    private static Path renderedChart;

    @BeforeAll
    static void copyTheChartWithTheTestHookAsAPlainPod(@TempDir Path dir) throws IOException {
        renderedChart = dir.resolve("credit-score");
        try (Stream<Path> files = Files.walk(CHART, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = renderedChart.resolve(CHART.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                String text = Files.readString(file);
                Files.writeString(copy, file.startsWith(TEST_HOOKS) ? HOOK_ANNOTATION.matcher(text).replaceAll("") : text);
            }
        }
    }

    @Test
    void theChartPassesHelmLint() {
        LintResult result = new Helm(CHART).lint().strict().call();

        assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
    }

    /** The chart's defaults, the production example and every ci/*-values.yaml file. */
    static Stream<Path> valuesFiles() throws IOException {
        try (Stream<Path> files = Files.list(CI_VALUES)) {
            List<Path> ci = files.filter(f -> f.getFileName().toString().endsWith("-values.yaml")).sorted().toList();
            assertFalse(ci.isEmpty());
            List<Path> all = new ArrayList<>();
            all.add(VALUES);
            all.add(PRODUCTION_VALUES);
            all.addAll(ci);
            return all.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void everyValuesFileRendersAReleaseThatHoldsTogether(Path values) throws IOException {
        Rendered rendered = render(values);
        Deployment deployment = rendered.one(Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();

        assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), "the Deployment selects its own pods");
        assertEquals(Set.of(NAME_LABEL, INSTANCE_LABEL), selector.keySet());
        assertEnvironmentIsReadByTheApplication(rendered);
        assertProbesUseTheApplicationsPaths(rendered);
        assertManagementPortOnlyInsideTheCluster(rendered);
        assertDisruptionBudgetAllowsADrain(rendered, values);
        assertTestPodIsSelectedByNothing(rendered);
        for (TopologySpreadConstraint constraint : rendered.pod().getTopologySpreadConstraints()) {
            Map<String, String> spread = constraint.getLabelSelector().getMatchLabels();
            assertTrue(podLabels.entrySet().containsAll(spread.entrySet()), "the spread counts this release's pods");
            assertTrue(spread.containsKey(INSTANCE_LABEL), "the spread counts no other release's pods");
        }
    }

    @Test
    void theServiceAnswersOnThePortsTheApplicationListensOn() throws IOException {
        for (Rendered rendered : List.of(render(null), render(PRODUCTION_VALUES))) {
            Container container = rendered.container();
            int managementPort = Integer.parseInt(rendered.setting("MANAGEMENT_PORT"));
            assertEquals(Integer.parseInt(appDefault("camel.management.port")), managementPort,
                    "the chart's management port is the application's default");
            assertEquals(managementPort, namedPort(container, "management").getContainerPort());

            int httpPort = Integer.parseInt(rendered.setting("SERVER_PORT"));
            assertEquals(Integer.parseInt(appDefault("camel.server.port")), httpPort);
            assertEquals(httpPort, namedPort(container, "http").getContainerPort());
            Service service = rendered.service("");
            assertEquals(List.of("http"), service.getSpec().getPorts().stream()
                    .map(p -> p.getTargetPort().getStrVal()).toList());
        }
    }

    // --- defect: the JVM options ----------------------------------------------------------

    @Test
    void theJvmOptionsLiveInOneVariableThatTheChartReplaces(@TempDir Path dir) throws IOException {
        List<String> entrypoint = dockerfileEntrypoint();
        assertEquals("java", entrypoint.get(0));
        assertEquals(List.of(), entrypoint.subList(1, entrypoint.indexOf("-jar")),
                "no JVM option on the command line, where it would win over JAVA_TOOL_OPTIONS");

        String imageOptions = dockerfileEnvironment().get("JAVA_TOOL_OPTIONS");
        assertEquals(imageOptions, render(null).env("JAVA_TOOL_OPTIONS").getValue(),
                "with the chart's defaults the pod runs with the image's own options");

        Rendered tuned = render(values(dir, """
                jvm: {maxRamPercentage: 45, extraOpts: "-XX:+UseZGC -Xlog:gc"}
                """));
        assertEquals("-XX:MaxRAMPercentage=45 -XX:+ExitOnOutOfMemoryError -XX:+UseZGC -Xlog:gc",
                tuned.env("JAVA_TOOL_OPTIONS").getValue());
    }

    // --- defect: the disruption budget ----------------------------------------------------

    @Test
    void oneReplicaWithoutAutoscalingStillLetsANodeDrain(@TempDir Path dir) throws IOException {
        Path values = values(dir, """
                replicaCount: 1
                autoscaling: {enabled: false}
                """);

        assertDisruptionBudgetAllowsADrain(render(values), values);
    }

    @Test
    void aMinAvailableThatWouldBlockEveryDrainIsRefused(@TempDir Path dir) throws IOException {
        Path values = values(dir, """
                replicaCount: 2
                autoscaling: {enabled: false}
                podDisruptionBudget: {minAvailable: 2}
                """);

        Exception refused = assertThrows(Exception.class, () -> template(values).call());
        assertTrue(refused.getMessage().contains("podDisruptionBudget.minAvailable (2) must be below the replica count (2)"),
                refused.getMessage());
        PodDisruptionBudget budget = render(values(dir, """
                replicaCount: 3
                autoscaling: {enabled: false}
                podDisruptionBudget: {minAvailable: 2}
                """)).one(PodDisruptionBudget.class);
        assertEquals(2, budget.getSpec().getMinAvailable().getIntVal());
        assertNull(budget.getSpec().getMaxUnavailable(), "minAvailable is used instead of maxUnavailable");
    }

    // --- defect: the IAM role of a service account the chart does not create -------------

    @Test
    void aRoleArnForAServiceAccountTheChartDoesNotCreateIsRefused(@TempDir Path dir) throws IOException {
        Path values = values(dir, """
                serviceAccount: {create: false, name: credit-score-irsa, roleArn: "arn:aws:iam::123456789012:role/credit-score"}
                """);

        Exception refused = assertThrows(Exception.class, () -> template(values).call());
        assertTrue(refused.getMessage().contains("serviceAccount.roleArn is set but serviceAccount.create is false"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("\"credit-score-irsa\""), refused.getMessage());

        Rendered existing = render(CI_VALUES.resolve("existing-service-account-values.yaml"));
        assertTrue(existing.all(ServiceAccount.class).isEmpty());
        assertEquals("credit-score-irsa", existing.pod().getServiceAccountName());
    }

    // --- defect: pod labels over the selector labels --------------------------------------

    @Test
    void podLabelsAreAddedButCannotReplaceTheChartsLabels(@TempDir Path dir) throws IOException {
        Rendered rendered = render(values(dir, "podLabels: {team: scoring}\n"));
        assertEquals("scoring", rendered.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels().get("team"));

        for (String label : List.of(NAME_LABEL, INSTANCE_LABEL, "app.kubernetes.io/version", "helm.sh/chart")) {
            assertRefusedBySchema(values(dir, "podLabels: {" + label + ": other}\n"));
        }
    }

    // --- defect: extraSettings over the chart's own settings ------------------------------

    @Test
    void theReservedNamesAreExactlyTheVariablesTheChartSets() throws IOException {
        Rendered production = render(PRODUCTION_VALUES);
        Set<String> setByTheChart = new TreeSet<>(render(null).settings().keySet());
        production.container().getEnv().stream().map(EnvVar::getName).forEach(setByTheChart::add);

        assertEquals(setByTheChart, reservedEnvironmentNames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SERVER_PORT", "API_KEYS", "LOG_HASH_KEY", "JAVA_TOOL_OPTIONS", "MODEL_CACHE_DIR"})
    void aReservedNameIsRefusedInExtraSettingsAndExtraEnv(String name, @TempDir Path dir) throws IOException {
        assertRefusedBySchema(values(dir, "extraSettings: {" + name + ": \"1\"}\n"));
        assertRefusedBySchema(values(dir, "extraEnv: [{name: " + name + ", value: \"1\"}]\n"));
    }

    @Test
    void routeReloadIsNeverOnInTheChart(@TempDir Path dir) throws IOException {
        assertEquals("false", render(null).settings().get("ROUTES_RELOAD"));
        assertEquals("false", render(PRODUCTION_VALUES).settings().get("ROUTES_RELOAD"));
        assertRefusedBySchema(values(dir, "extraSettings: {ROUTES_RELOAD: \"true\"}\n"));
        assertRefusedBySchema(values(dir, "extraEnv: [{name: ROUTES_RELOAD, value: \"true\"}]\n"));
    }

    @Test
    void everyReservedNameIsRefused(@TempDir Path dir) throws IOException {
        for (String name : reservedEnvironmentNames()) {
            assertRefusedBySchema(values(dir, "extraSettings: {" + name + ": \"1\"}\n"));
        }
    }

    // --- defect: probe timings ------------------------------------------------------------

    @Test
    void everyProbeTimingTheSchemaAcceptsIsRendered(@TempDir Path dir) throws IOException {
        JsonNode schema = JSON.readTree(SCHEMA.toFile());
        Map<String, Map<String, Integer>> timings = new LinkedHashMap<>();
        int value = 1;
        for (String probe : List.of("startup", "liveness", "readiness")) {
            JsonNode definition = resolve(schema, schema.at("/properties/probes/properties/" + probe));
            Map<String, Integer> set = new LinkedHashMap<>();
            for (Iterator<String> keys = definition.path("properties").fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                set.put(key, key.equals("successThreshold") ? 1 : ++value);
            }
            assertTrue(set.containsKey("timeoutSeconds") && set.containsKey("initialDelaySeconds"), probe + ": " + set);
            timings.put(probe, set);
        }

        Rendered rendered = render(values(dir, YAML.writeValueAsString(Map.of("probes", timings))));
        Container container = rendered.container();
        Map<String, Probe> probes = Map.of("startup", container.getStartupProbe(),
                "liveness", container.getLivenessProbe(), "readiness", container.getReadinessProbe());
        timings.forEach((probe, set) -> {
            JsonNode renderedProbe = JSON.valueToTree(probes.get(probe));
            set.forEach((key, expected) -> assertEquals(expected, renderedProbe.path(key).asInt(-1), probe + "." + key));
        });
    }

    // --- defect: the management port on a public Service ----------------------------------

    @Test
    void theManagementPortHasAClusterIpServiceOfItsOwn(@TempDir Path dir) throws IOException {
        Rendered rendered = render(values(dir, "service: {type: LoadBalancer}\n"));

        assertManagementPortOnlyInsideTheCluster(rendered);
        Service management = rendered.service("-management");
        assertEquals("ClusterIP", management.getSpec().getType());
        assertEquals(rendered.one(Deployment.class).getSpec().getSelector().getMatchLabels(),
                management.getSpec().getSelector());
        assertEquals(Integer.parseInt(appDefault("camel.management.port")), management.getSpec().getPorts().get(0).getPort());
        assertEquals("LoadBalancer", rendered.service("").getSpec().getType());
    }

    // --- defect: hard-coded security contexts ---------------------------------------------

    @Test
    void securityContextsAreStrictByDefaultAndFitAPlatformThatAssignsUserIds() throws IOException {
        for (Rendered rendered : List.of(render(null), render(PRODUCTION_VALUES))) {
            PodSecurityContext pod = rendered.pod().getSecurityContext();
            assertEquals(Boolean.TRUE, pod.getRunAsNonRoot());
            assertEquals(10001L, pod.getRunAsUser());
            assertEquals("RuntimeDefault", pod.getSeccompProfile().getType());
            assertRestrictedContainer(rendered.container());
        }

        Rendered assigned = render(CI_VALUES.resolve("assigned-uid-values.yaml"));
        PodSecurityContext pod = assigned.pod().getSecurityContext();
        assertNull(pod.getRunAsUser());
        assertNull(pod.getRunAsGroup());
        assertNull(pod.getFsGroup());
        assertEquals(Boolean.TRUE, pod.getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSeccompProfile().getType());
        assertRestrictedContainer(assigned.container());
    }

    // --- defect: the production example's topology spread ---------------------------------

    @Test
    void aTopologySpreadWithoutALabelSelectorCountsThisReleasesPods() throws IOException {
        Rendered rendered = render(PRODUCTION_VALUES);
        List<TopologySpreadConstraint> constraints = rendered.pod().getTopologySpreadConstraints();

        assertFalse(constraints.isEmpty());
        for (TopologySpreadConstraint constraint : constraints) {
            assertEquals(rendered.one(Deployment.class).getSpec().getSelector().getMatchLabels(),
                    constraint.getLabelSelector().getMatchLabels());
        }
    }

    // --- defect: the smaller ones ---------------------------------------------------------

    @Test
    void fullnameOverrideNamesEveryObject(@TempDir Path dir) throws IOException {
        Rendered rendered = render(values(dir, "fullnameOverride: scoring\n"));

        assertEquals("scoring", rendered.one(Deployment.class).getMetadata().getName());
        assertEquals(Set.of("scoring", "scoring-management"),
                rendered.all(Service.class).stream().map(s -> s.getMetadata().getName()).collect(Collectors.toSet()));
        assertEquals("credit-score", render(values(dir, "nameOverride: scorer\n")).one(Deployment.class)
                .getMetadata().getLabels().get(INSTANCE_LABEL));
    }

    @Test
    void globalPullSecretsReachThePods(@TempDir Path dir) throws IOException {
        Rendered rendered = render(values(dir, """
                global: {imagePullSecrets: [{name: platform-registry}]}
                imagePullSecrets: [{name: team-registry}]
                """));

        assertEquals(List.of("platform-registry", "team-registry"),
                rendered.pod().getImagePullSecrets().stream().map(LocalObjectReference::getName).toList());
        assertEquals(List.of("platform-registry", "team-registry"), rendered.one(Pod.class).getSpec()
                .getImagePullSecrets().stream().map(LocalObjectReference::getName).toList());
    }

    @Test
    void theAutoscalerScalesDownSlowly() throws IOException {
        HorizontalPodAutoscaler autoscaler = render(null).one(HorizontalPodAutoscaler.class);

        assertEquals(300, autoscaler.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds());
        assertEquals(1, autoscaler.getSpec().getBehavior().getScaleDown().getPolicies().get(0).getValue());
    }

    @Test
    void podsMountNoKubernetesApiToken() throws IOException {
        for (Rendered rendered : List.of(render(null), render(PRODUCTION_VALUES))) {
            assertEquals(Boolean.FALSE, rendered.pod().getAutomountServiceAccountToken());
            assertEquals(Boolean.FALSE, rendered.one(Pod.class).getSpec().getAutomountServiceAccountToken());
        }
    }

    @Test
    void theImageBuildSendsOnlyWhatTheDockerfileCopies() throws IOException {
        List<String> patterns = Files.readAllLines(DOCKERIGNORE).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        assertEquals("*", patterns.get(0), "everything is left out but what is named after");
        Set<String> included = patterns.subList(1, patterns.size()).stream()
                .filter(p -> p.startsWith("!")).map(p -> p.substring(1)).collect(Collectors.toSet());
        assertEquals(dockerfileCopySources(), included);
        assertFalse(included.stream().anyMatch(p -> p.contains("embedded")), "DynamoDB Local stays out");

        // Within target/lib/, the jars whose copies with linux x86-64 natives only the image
        // takes from target/image-lib/ instead: ONNX Runtime and XGBoost4J.
        Set<String> leftOutOfIncluded = patterns.subList(1, patterns.size()).stream()
                .filter(p -> !p.startsWith("!")).collect(Collectors.toSet());
        assertEquals(Set.of("target/lib/onnxruntime-*.jar", "target/lib/xgboost4j_*.jar"), leftOutOfIncluded);
        assertTrue(included.contains("target/image-lib/"), included.toString());
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(pom.contains("<zip destfile=\"${project.build.directory}/image-lib/onnxruntime-${onnxruntime.version}.jar\"")
                && pom.contains("<zip destfile=\"${project.build.directory}/image-lib/xgboost4j_2.12-${xgboost4j.version}.jar\""),
                "mvn package writes both copies to target/image-lib/");
    }

    @Test
    void theImageCarriesOciLabelsAndItsBaseByDigest() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        for (String label : List.of("title", "description", "version", "revision", "created", "base.name", "source",
                "licenses")) {
            assertTrue(dockerfile.contains("org.opencontainers.image." + label + "="), label);
        }
        Matcher version = Pattern.compile("(?m)^ARG VERSION=(\\S+)$").matcher(dockerfile);
        assertTrue(version.find());
        assertEquals(YAML.readTree(CHART.resolve("Chart.yaml").toFile()).path("appVersion").asText(), version.group(1),
                "the image's version is the chart's appVersion");

        Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(dockerfile);
        int bases = 0;
        while (from.find()) {
            bases++;
            String image = from.group(1);
            Matcher arg = Pattern.compile("\\$\\{(\\w+)}").matcher(image);
            if (arg.matches()) {
                assertTrue(Pattern.compile("(?m)^ARG " + arg.group(1) + "$").matcher(dockerfile).find(),
                        image + " is an argument with no default tag to fall back on");
                String build = Files.readString(Path.of("tools/image/build"));
                assertTrue(build.contains("--build-arg " + arg.group(1) + "=") && build.contains("@$"),
                        "tools/image/build gives " + arg.group(1) + " by digest");
            } else {
                assertTrue(image.matches(".+@sha256:[0-9a-f]{64}"), image + " is pinned by digest");
            }
        }
        assertEquals(1, bases);
    }

    @Test
    void theImageSetsOnlyVariablesTheApplicationReads() throws IOException {
        Set<String> set = new TreeSet<>(dockerfileEnvironment().keySet());
        assertFalse(set.isEmpty());
        set.removeAll(JVM_ENVIRONMENT);
        set.removeAll(environmentTheApplicationReads());
        assertEquals(Set.of(), set, "set by the Dockerfile but never read by the application");
    }

    // --- what the chart adds --------------------------------------------------------------

    @Test
    void theServiceMonitorIsOffByDefaultAndScrapesTheManagementService(@TempDir Path dir) throws IOException {
        assertTrue(render(null).all(GenericKubernetesResource.class).isEmpty(), "no ServiceMonitor by default");

        Rendered rendered = render(values(dir, "metrics: {serviceMonitor: {enabled: true, labels: {release: prometheus}}}\n"));
        GenericKubernetesResource monitor = rendered.one(GenericKubernetesResource.class);
        assertEquals("monitoring.coreos.com/v1", monitor.getApiVersion());
        assertEquals("ServiceMonitor", monitor.getKind());
        assertEquals("prometheus", monitor.getMetadata().getLabels().get("release"));
        JsonNode spec = JSON.valueToTree(monitor.getAdditionalProperties().get("spec"));
        Map<String, String> selector = JSON.convertValue(spec.at("/selector/matchLabels"), Map.class);

        List<Service> selected = rendered.all(Service.class).stream()
                .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
        assertEquals(List.of(rendered.service("-management")), selected);
        JsonNode endpoint = spec.at("/endpoints/0");
        assertEquals(appSetting("camel.metrics.path"), endpoint.path("path").asText());
        assertTrue(selected.get(0).getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(endpoint.path("port").asText())));
    }

    @Test
    void scrapeAnnotationsPointAtTheMetricsOnTheManagementPort(@TempDir Path dir) throws IOException {
        Rendered rendered = render(null);

        assertEquals("true", rendered.podAnnotation("prometheus.io/scrape"));
        assertEquals(String.valueOf(namedPort(rendered.container(), "management").getContainerPort()),
                rendered.podAnnotation("prometheus.io/port"));
        assertEquals(appSetting("camel.metrics.path"), rendered.podAnnotation("prometheus.io/path"));
        assertNull(render(values(dir, "metrics: {scrapeAnnotations: false}\n")).podAnnotation("prometheus.io/scrape"));
    }

    @Test
    void extraEnvironmentAndVolumesReachTheContainer() throws IOException {
        Rendered rendered = render(CI_VALUES.resolve("all-features-values.yaml"));
        Container container = rendered.container();

        EnvVar logLevel = rendered.env("LOG_LEVEL");
        assertEquals("scoring-logging", logLevel.getValueFrom().getConfigMapKeyRef().getName());
        assertEquals("", rendered.env("DEMO_CUSTOMERS").getValue());
        assertEquals("64", rendered.setting("MAX_REQUESTS_IN_FLIGHT"));
        VolumeMount mount = mountAt(container, "/etc/corporate-ca");
        assertEquals("corporate-ca", volume(rendered.pod(), mount.getName()).getConfigMap().getName());
        assertTrue(rendered.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getImage().endsWith("@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
    }

    @Test
    void theIngressIsOffByDefaultAndLeadsToTheApiPortOnly(@TempDir Path dir) throws IOException {
        assertTrue(render(null).all(Ingress.class).isEmpty());
        assertRefusedBySchema(values(dir, "ingress: {enabled: true}\n"));

        Rendered rendered = render(CI_VALUES.resolve("all-features-values.yaml"));
        Ingress ingress = rendered.one(Ingress.class);
        List<HTTPIngressPath> paths = ingress.getSpec().getRules().get(0).getHttp().getPaths();
        assertEquals(List.of("/api", "/health"), paths.stream().map(HTTPIngressPath::getPath).toList());
        Service api = rendered.service("");
        for (HTTPIngressPath path : paths) {
            assertEquals(api.getMetadata().getName(), path.getBackend().getService().getName());
            assertEquals("http", path.getBackend().getService().getPort().getName());
        }
        assertEquals("scoring-tls", ingress.getSpec().getTls().get(0).getSecretName());
    }

    @Test
    void theHelmTestCallsHealthAndReadinessThroughTheServices() throws IOException, ClassNotFoundException {
        String hook = Files.readString(TEST_HOOKS.resolve("test-health.yaml"));
        assertTrue(hook.contains("helm.sh/hook: test\n"), "the pod is a helm test hook");
        assertTrue(HOOK_ANNOTATION.matcher(hook).find());
        for (Rendered rendered : List.of(render(null), render(PRODUCTION_VALUES))) {
            Pod test = rendered.one(Pod.class);
            Container check = test.getSpec().getContainers().get(0);
            assertEquals(rendered.container().getImage(), check.getImage(), "the service's own image");
            List<String> command = check.getCommand();
            assertEquals(List.of("java", "-cp", dockerfileEntrypoint().get(dockerfileEntrypoint().indexOf("-jar") + 1)),
                    command.subList(0, 3));
            assertEquals(ServiceCheck.class, Class.forName(command.get(3)));
            assertRestrictedContainer(check);

            URI health = URI.create(command.get(4));
            Service api = rendered.service("");
            assertEquals(api.getMetadata().getName(), health.getHost());
            assertEquals(api.getSpec().getPorts().get(0).getPort(), health.getPort());
            assertEquals("/health", health.getPath());
            URI ready = URI.create(command.get(5));
            Service management = rendered.service("-management");
            assertEquals(management.getMetadata().getName(), ready.getHost());
            assertEquals(management.getSpec().getPorts().get(0).getPort(), ready.getPort());
            assertEquals(appDefault("camel.management.health-path") + "/ready", ready.getPath());
            assertEquals(6, command.size());

            for (NetworkPolicy policy : rendered.all(NetworkPolicy.class)) {
                for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                    assertTrue(rule.getFrom().isEmpty() || rule.getFrom().stream().anyMatch(peer -> selects(peer, test)),
                            "the network policy lets the test pod in");
                }
            }
        }
    }

    @Test
    void theChartReadmeListsEveryValueWithItsDefault() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\| `([^`]*)` \\| (.+) \\|$").matcher(Files.readString(CHART_README));
        while (row.find()) {
            assertNull(documented.put(row.group(1), row.group(2)), row.group(1) + " is listed once");
            assertFalse(row.group(3).isBlank(), row.group(1) + " has a meaning");
        }
        Map<String, String> values = new TreeMap<>();
        flatten("", YAML.readTree(VALUES.toFile()), values);

        assertEquals(values, documented);
    }

    @Test
    void theChartSaysWhereItComesFromAndWhoKeepsIt() throws IOException {
        JsonNode chart = YAML.readTree(CHART.resolve("Chart.yaml").toFile());

        assertTrue(chart.path("home").asText().startsWith("https://"));
        assertTrue(chart.path("sources").get(0).asText().startsWith("https://"));
        assertFalse(chart.path("maintainers").get(0).path("name").asText().isBlank());
    }

    // --- kept from before -----------------------------------------------------------------

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
        Path values = values(dir, """
                routes:
                  files:
                    predict.camel.yaml: "- route: {id: replaced, from: {uri: 'direct:replaced', steps: []}}"
                    extra.camel.yaml: "- route: {id: extra, from: {uri: 'direct:extra', steps: []}}"
                """);
        Rendered plain = render(null);
        Rendered changed = render(values);

        Map<String, String> routes = changed.configMap("-routes").getData();
        Set<String> expected = new TreeSet<>(repositoryRoutes().keySet());
        expected.add("extra.camel.yaml");
        assertEquals(expected, routes.keySet());
        assertTrue(routes.get("predict.camel.yaml").contains("direct:replaced"));
        assertEquals(repositoryRoutes().get("search.camel.yaml"), routes.get("search.camel.yaml"));
        assertNotEquals(plain.podAnnotation("checksum/routes"), changed.podAnnotation("checksum/routes"));
        assertEquals(plain.podAnnotation("checksum/settings"), changed.podAnnotation("checksum/settings"));
    }

    @Test
    void podsHaveWritableTempAndModelCacheAndResources() throws IOException {
        Rendered rendered = render(PRODUCTION_VALUES);
        PodSpec pod = rendered.pod();
        Container container = rendered.container();

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

        EnvVar keys = rendered.env("API_KEYS");
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
        assertEquals(2, budget.getSpec().getMinAvailable().getIntVal());
        NetworkPolicy policy = rendered.one(NetworkPolicy.class);
        assertTrue(podLabels.entrySet().containsAll(policy.getSpec().getPodSelector().getMatchLabels().entrySet()));

        assertTrue(render(null).all(NetworkPolicy.class).isEmpty(), "the network policy is off by default");
    }

    @Test
    void theChallengerValuesSetItsSettingsAndThePrometheusRuleAlertsOnDriftAndDrops(@TempDir Path dir)
            throws IOException {
        Path values = dir.resolve("challenger.yaml");
        Files.writeString(values, """
                models: {bucket: vpbank-ml-data, prefix: credit-score/models}
                challenger: {prefix: credit-score/challenger, poolSize: 2, poolQueue: 50, shadowTable: prod-shadow,
                             ttlDays: 14, driftWindow: 5000}
                prometheusRule: {enabled: true, labels: {release: monitoring}, psiThreshold: 0.25}
                """);
        Rendered rendered = render(values);

        assertEquals("credit-score/challenger", rendered.setting("CHALLENGER_PREFIX"));
        assertEquals("2", rendered.setting("SHADOW_POOL_SIZE"));
        assertEquals("50", rendered.setting("SHADOW_POOL_QUEUE"));
        assertEquals("prod-shadow", rendered.setting("SHADOW_TABLE_NAME"));
        assertEquals("14", rendered.setting("SHADOW_TTL_DAYS"));
        assertEquals("5000", rendered.setting("DRIFT_WINDOW"));
        assertTrue(appSetting("creditscore.challenger.prefix").contains("{{env:CHALLENGER_PREFIX:"));
        assertEquals("", render(null).setting("CHALLENGER_PREFIX"), "no challenger by default");

        List<GenericKubernetesResource> rules = prometheusRules(rendered);
        assertEquals(1, rules.size());
        GenericKubernetesResource rule = rules.get(0);
        assertEquals("monitoring.coreos.com/v1", rule.getApiVersion());
        assertEquals("monitoring", rule.getMetadata().getLabels().get("release"));
        JsonNode ruleList = YAML.valueToTree(rule.getAdditionalProperties()).at("/spec/groups/0/rules");
        Map<String, String> alerts = new TreeMap<>();
        ruleList.forEach(r -> alerts.put(r.get("alert").asText(), r.get("expr").asText()));
        assertEquals(Set.of("CreditScoreModelDrift", "CreditScoreShadowRequestsDropped"), alerts.keySet());
        assertEquals("max by (namespace, bundle, model, variable) (creditscore_drift_psi{namespace=\"scoring\"}) > 0.25",
                alerts.get("CreditScoreModelDrift"));
        assertTrue(alerts.get("CreditScoreShadowRequestsDropped").contains(
                "creditscore_shadow_requests_total{namespace=\"scoring\", outcome=\"dropped\"}[10m]"),
                alerts.get("CreditScoreShadowRequestsDropped"));
        assertTrue(prometheusRules(render(null)).isEmpty(), "no PrometheusRule by default");
    }

    @Test
    void tracingIsOffByDefaultAndTheEndpointAndSamplingSetTheOpenTelemetryVariables(@TempDir Path dir)
            throws IOException {
        Rendered defaults = render(null);
        assertEquals("", defaults.setting("OTEL_EXPORTER_OTLP_ENDPOINT"), "no traces by default");
        assertEquals("parentbased_traceidratio", defaults.setting("OTEL_TRACES_SAMPLER"));
        assertEquals("0.1", defaults.setting("OTEL_TRACES_SAMPLER_ARG"));

        Rendered traced = render(values(dir,
                "tracing: {endpoint: 'http://otel-collector.observability:4318', samplingRatio: 1}\n"));
        assertEquals("http://otel-collector.observability:4318", traced.setting("OTEL_EXPORTER_OTLP_ENDPOINT"));
        assertEquals("1", traced.setting("OTEL_TRACES_SAMPLER_ARG"));
        assertTrue(appSetting("creditscore.tracing.endpoint").contains("{{env:OTEL_EXPORTER_OTLP_ENDPOINT:}}"));
        assertTrue(appSetting("creditscore.tracing.sampler-arg").contains("{{env:OTEL_TRACES_SAMPLER_ARG:"));
        assertRefusedBySchema(values(dir, "extraSettings: {OTEL_EXPORTER_OTLP_ENDPOINT: 'http://other:4318'}\n"));
    }

    private static List<GenericKubernetesResource> prometheusRules(Rendered rendered) {
        return rendered.all(GenericKubernetesResource.class).stream()
                .filter(resource -> "PrometheusRule".equals(resource.getKind())).toList();
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
        "extraEnv: [{value: no-name}]",
        "extraEnv: [{name: LOG_LEVEL, value: debug, valueFrom: {configMapKeyRef: {name: a, key: b}}}]",
        "extraVolumeMounts: [{name: no-path}]",
        "resources: {requests: {cpu: lots, memory: 1Gi}, limits: {memory: 1Gi}}",
        "probes: {liveness: {successThreshold: 2}}",
        "probes: {startup: {path: /other}}",
        "podDisruptionBudget: {maxUnavailable: 0}",
        "image: {repository: r, digest: latest}",
        "metrics: {serviceMonitor: {interval: often}}",
        "jvm: {maxRamPercentage: 95}",
        "challenger: {poolSize: 0}",
        "challenger: {shadowTable: 'a b'}",
        "prometheusRule: {enabled: true, psiThreshold: 0}",
        "tracing: {endpoint: otel-collector:4318}",
        "tracing: {samplingRatio: 1.5}",
    })
    void theSchemaRejectsABadValuesFile(String badValues, @TempDir Path dir) throws IOException {
        assertRefusedBySchema(values(dir, badValues + "\n"));
    }

    // --- defect: route files that vanish with the symbolic link ---------------------------

    @Test
    void theChartsRouteFilesAreRealFilesIdenticalToTheRepositorysRoutes() throws IOException {
        Path chartRoutes = CHART.resolve("files/routes");
        assertFalse(Files.isSymbolicLink(chartRoutes), "a Git source or a package may leave a symbolic link out");
        Map<String, byte[]> chart = new TreeMap<>();
        try (Stream<Path> files = Files.list(chartRoutes)) {
            for (Path file : files.sorted().toList()) {
                assertFalse(Files.isSymbolicLink(file), file + " is a real file");
                chart.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        assertEquals(repositoryRoutes().keySet(), chart.keySet(),
                "helm/credit-score/files/routes holds the files of routes/: cp routes/*.camel.yaml helm/credit-score/files/routes/");
        for (Map.Entry<String, byte[]> file : chart.entrySet()) {
            assertArrayEquals(Files.readAllBytes(ROUTES.resolve(file.getKey())), file.getValue(),
                    file.getKey() + " differs from routes/" + file.getKey());
        }
    }

    @Test
    void aChartWithoutItsRouteFilesRefusesToRender(@TempDir Path dir) throws IOException {
        Path chart = dir.resolve("credit-score");
        try (Stream<Path> files = Files.walk(renderedChart)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = renderedChart.relativize(file);
                if (!relative.startsWith("files")) {
                    Files.createDirectories(chart.resolve(relative.toString()).getParent());
                    Files.copy(file, chart.resolve(relative.toString()));
                }
            }
        }

        Exception refused = assertThrows(Exception.class,
                () -> new Helm(chart).template().withName("credit-score").withKubeVersion("1.31.0").call());
        assertTrue(refused.getMessage().contains("The chart holds no route file"), refused.getMessage());
    }

    @Test
    void thePackagedChartHoldsEveryRouteFile(@TempDir Path dir) throws IOException {
        new Helm(CHART).packageIt().withDestination(dir).call();
        Path packaged;
        try (Stream<Path> files = Files.list(dir)) {
            packaged = files.filter(f -> f.toString().endsWith(".tgz")).findFirst().orElseThrow();
        }

        String manifest = Helm.template(packaged.toString()).withName("credit-score").withKubeVersion("1.31.0").call();
        Map<String, String> routes = new TreeMap<>();
        for (String document : manifest.split("(?m)^---\\s*$")) {
            JsonNode node = YAML.readTree(document);
            if (node != null && node.path("metadata").path("name").asText().endsWith("-routes")) {
                node.path("data").fields().forEachRemaining(e -> routes.put(e.getKey(), e.getValue().asText()));
            }
        }
        assertEquals(repositoryRoutes(), routes);
    }

    // --- defect: percentage budgets that block every drain ---------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "replicaCount: 2\nautoscaling: {enabled: false}\npodDisruptionBudget: {minAvailable: \"100%\"}",
        "replicaCount: 1\nautoscaling: {enabled: false}\npodDisruptionBudget: {minAvailable: \"50%\"}",
        "autoscaling: {enabled: true, minReplicas: 3, maxReplicas: 6}\npodDisruptionBudget: {minAvailable: \"67%\"}",
        "podDisruptionBudget: {maxUnavailable: \"0%\"}",
        "podDisruptionBudget: {maxUnavailable: \"00%\"}",
    })
    void aPercentageBudgetThatWouldBlockEveryDrainIsRefused(String budget, @TempDir Path dir) throws IOException {
        Path values = values(dir, budget + "\n");

        Exception refused = assertThrows(Exception.class, () -> template(values).call(), budget);
        assertTrue(refused.getMessage().contains("schema") || refused.getMessage().contains("must be below the replica count"),
                refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "replicaCount: 3\nautoscaling: {enabled: false}\npodDisruptionBudget: {minAvailable: \"50%\"}",
        "autoscaling: {enabled: true, minReplicas: 3, maxReplicas: 6}\npodDisruptionBudget: {minAvailable: \"66%\"}",
        "replicaCount: 1\nautoscaling: {enabled: false}\npodDisruptionBudget: {minAvailable: \"0%\"}",
        "replicaCount: 1\nautoscaling: {enabled: false}\npodDisruptionBudget: {maxUnavailable: \"1%\"}",
    })
    void aPercentageBudgetThatLetsAPodGoIsRendered(String budget, @TempDir Path dir) throws IOException {
        Path values = values(dir, budget + "\n");

        assertDisruptionBudgetAllowsADrain(render(values), values);
    }

    // --- defect: numbers of a million and more in e-notation --------------------------------

    @Test
    void numbersOfAMillionAndMoreRenderAsPlainIntegers(@TempDir Path dir) throws IOException {
        Rendered rendered = render(values(dir, """
                extraSettings: {MAX_REQUEST_BYTES: 1048576, SOME_RATIO: 0.5, SOME_FLAG: true, SOME_NAME: "1e6"}
                challenger: {driftWindow: 1000000, poolQueue: 2000000}
                dynamodb: {customerTable: c-table, historyTable: h-table, idempotencyTable: i-table,
                           callTimeoutMs: 3000000, attemptTimeoutMs: 1000000}
                models: {timeoutMs: 1000000}
                autoscaling: {enabled: true, minReplicas: 2, maxReplicas: 1000000}
                volumes: {modelCacheSizeLimit: 4000000000}
                prometheusRule: {enabled: true, droppedShadowRequests: 1000000}
                """));

        assertEquals("1048576", rendered.setting("MAX_REQUEST_BYTES"));
        assertEquals("0.5", rendered.setting("SOME_RATIO"));
        assertEquals("true", rendered.setting("SOME_FLAG"));
        assertEquals("1e6", rendered.setting("SOME_NAME"), "a string stays as it was written");
        assertEquals("1000000", rendered.setting("DRIFT_WINDOW"));
        assertEquals("2000000", rendered.setting("SHADOW_POOL_QUEUE"));
        assertEquals("3000000", rendered.setting("DYNAMODB_CALL_TIMEOUT_MS"));
        assertEquals("1000000", rendered.setting("DYNAMODB_ATTEMPT_TIMEOUT_MS"));
        assertEquals("1000000", rendered.setting("MODEL_TIMEOUT_MS"));
        assertEquals(1000000, rendered.one(HorizontalPodAutoscaler.class).getSpec().getMaxReplicas());
        assertEquals("4000000000", volume(rendered.pod(), "model-cache").getEmptyDir().getSizeLimit().toString());
        String drops = YAML.valueToTree(prometheusRules(rendered).get(0).getAdditionalProperties())
                .at("/spec/groups/0/rules/1/expr").asText();
        assertTrue(drops.endsWith("> 1000000"), drops);
    }

    // --- defect: JVM options past the chart's ----------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "extraSettings: {JDK_JAVA_OPTIONS: \"-XX:MaxRAMPercentage=95\"}",
        "extraEnv: [{name: JDK_JAVA_OPTIONS, value: \"-XX:MaxRAMPercentage=95\"}]",
        "extraEnv: [{name: _JAVA_OPTIONS, value: \"-Xmx4g\"}]",
        "jvm: {extraOpts: \"-XX:MaxRAMPercentage=95\"}",
        "jvm: {extraOpts: \"-XX:+UseZGC -XX:MaxRAMPercentage=95.0\"}",
        "jvm: {extraOpts: \"-Xmx3g\"}",
        "jvm: {extraOpts: \"-XX:MaxHeapSize=3g\"}",
        "jvm: {extraOpts: \"-XX:MaxRAM=8g\"}",
        "jvm: {extraOpts: \"-XX:-ExitOnOutOfMemoryError\"}",
        "jvm: {extraOpts: \"-XX:-UseContainerSupport\"}",
        "jvm: {extraOpts: \"-XX:VMOptionsFile=/tmp/options\"}",
    })
    void noOtherSettingCanOverrideTheChartsJvmOptions(String override, @TempDir Path dir) throws IOException {
        assertRefusedBySchema(values(dir, override + "\n"));
    }

    @Test
    void jvmOptionsThatLeaveTheHeapAloneAreAdded(@TempDir Path dir) throws IOException {
        Rendered rendered = render(values(dir, """
                jvm: {maxRamPercentage: 85, extraOpts: "-XX:+UseZGC -Xss512k -Xms256m -XX:InitialRAMPercentage=10"}
                extraEnv: [{name: JAVA_OPTIONS_NOTE, value: x}]
                """));

        assertEquals("-XX:MaxRAMPercentage=85 -XX:+ExitOnOutOfMemoryError -XX:+UseZGC -Xss512k -Xms256m"
                + " -XX:InitialRAMPercentage=10", rendered.env("JAVA_TOOL_OPTIONS").getValue());
    }

    // --- defect: names past 63 characters for long release names -------------------------

    @ParameterizedTest
    @ValueSource(strings = {"scoring-production-ap-southeast-1-canary", "a-release-name-of-fifty-three-characters-helm-accepts"})
    void aLongReleaseNameGivesNamesTheApiServerAccepts(String release) throws IOException {
        assertTrue(release.length() <= 53, "Helm refuses release names over 53 characters");
        Rendered rendered = render(release, PRODUCTION_VALUES);

        Set<String> seen = new TreeSet<>();
        for (HasMetadata object : rendered.objects()) {
            String name = object.getMetadata().getName();
            assertTrue(name.length() <= 63, object.getKind() + " " + name + " has " + name.length() + " characters");
            assertTrue(seen.add(object.getKind() + "/" + name), "one " + object.getKind() + " named " + name);
        }
        Set<String> services = rendered.all(Service.class).stream().map(s -> s.getMetadata().getName())
                .collect(Collectors.toSet());
        assertEquals(2, services.size());
        services.forEach(name -> assertTrue(name.matches("[a-z]([-a-z0-9]*[a-z0-9])?"), name + " is a DNS-1035 label"));
        Set<String> configMaps = rendered.all(ConfigMap.class).stream().map(c -> c.getMetadata().getName())
                .collect(Collectors.toSet());
        assertTrue(configMaps.contains(rendered.container().getEnvFrom().get(0).getConfigMapRef().getName()));
        assertTrue(configMaps.contains(volume(rendered.pod(), "routes").getConfigMap().getName()));
        List<String> command = rendered.one(Pod.class).getSpec().getContainers().get(0).getCommand();
        assertEquals(services, Set.of(URI.create(command.get(4)).getHost(), URI.create(command.get(5)).getHost()),
                "the helm test calls the release's two Services");
    }

    @Test
    void longReleaseNamesThatDifferOnlyAtTheEndKeepNamesOfTheirOwn() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String release : List.of("scoring-production-ap-southeast-1-canary", "scoring-production-ap-southeast-1-canarx")) {
            render(release, null).all(Service.class).forEach(s -> assertTrue(names.add(s.getMetadata().getName()), s.getMetadata().getName()));
        }
        assertEquals(4, names.size());
        assertEquals("credit-score-management", render(null).all(Service.class).stream().map(s -> s.getMetadata().getName())
                .filter(n -> n.endsWith("-management")).findFirst().orElseThrow(), "short names are left as they were");
    }

    // --- defect: a scrape timeout longer than the interval ---------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"interval: 5s", "interval: 5s, scrapeTimeout: 6s", "interval: 1500ms, scrapeTimeout: 2s",
        "interval: 1m, scrapeTimeout: 61s", "interval: 1h, scrapeTimeout: 61m"})
    void aScrapeTimeoutLongerThanTheIntervalIsRefused(String timings, @TempDir Path dir) throws IOException {
        Path values = values(dir, "metrics: {serviceMonitor: {enabled: true, " + timings + "}}\n");

        Exception refused = assertThrows(Exception.class, () -> template(values).call(), timings);
        assertTrue(refused.getMessage().contains("must not exceed metrics.serviceMonitor.interval"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interval: 5s, scrapeTimeout: 5s", "interval: 1m, scrapeTimeout: 30s",
        "interval: 2s, scrapeTimeout: 1500ms", "interval: 1h, scrapeTimeout: 60m", "interval: 09s, scrapeTimeout: 08s"})
    void aScrapeTimeoutWithinTheIntervalIsRendered(String timings, @TempDir Path dir) throws IOException {
        Rendered rendered = render(values(dir, "metrics: {serviceMonitor: {enabled: true, " + timings + "}}\n"));

        JsonNode endpoint = JSON.valueToTree(rendered.one(GenericKubernetesResource.class).getAdditionalProperties().get("spec"))
                .at("/endpoints/0");
        Matcher set = Pattern.compile("interval: (\\w+), scrapeTimeout: (\\w+)").matcher(timings);
        assertTrue(set.matches());
        assertEquals(set.group(1), endpoint.path("interval").asText());
        assertEquals(set.group(2), endpoint.path("scrapeTimeout").asText());
    }

    // --- defect: a route file of the image cannot be removed -------------------------------

    @Test
    void aRouteFileNamedInRoutesRemoveLeavesThePodsAndRollsThem(@TempDir Path dir) throws IOException {
        Rendered plain = render(null);
        Rendered removed = render(values(dir, "routes: {remove: [shadow.camel.yaml, model-monitoring.camel.yaml]}\n"));

        Set<String> expected = new TreeSet<>(repositoryRoutes().keySet());
        expected.removeAll(Set.of("shadow.camel.yaml", "model-monitoring.camel.yaml"));
        assertEquals(expected, removed.configMap("-routes").getData().keySet());
        assertEquals(repositoryRoutes().get("predict.camel.yaml"), removed.configMap("-routes").getData().get("predict.camel.yaml"));
        assertNotEquals(plain.podAnnotation("checksum/routes"), removed.podAnnotation("checksum/routes"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "routes: {remove: [shadows.camel.yaml]}|routes.remove names shadows.camel.yaml, which is not one of the chart's route files",
        "routes: {remove: [shadow.camel.yaml], files: {shadow.camel.yaml: '- route: {}'}}|shadow.camel.yaml is both in routes.remove and in routes.files",
        "routes: {remove: [health.camel.yaml, inference.camel.yaml, model-monitoring.camel.yaml, model-risk.camel.yaml,"
            + " models.camel.yaml, portfolio-api.camel.yaml, portfolio-shard.camel.yaml, predict.camel.yaml,"
            + " responses.camel.yaml, rest-api.camel.yaml, search.camel.yaml, shadow.camel.yaml]}|removes every route file",
        "routes: {remove: [shadow.yaml]}|schema",
        "routes: {remove: [shadow.camel.yaml, shadow.camel.yaml]}|schema",
    })
    void aRouteRemovalThatCannotBeRightIsRefused(String removal, @TempDir Path dir) throws IOException {
        String[] parts = removal.split("\\|");
        Path values = values(dir, parts[0] + "\n");

        Exception refused = assertThrows(Exception.class, () -> template(values).call(), parts[0]);
        assertTrue(refused.getMessage().contains(parts[1]), refused.getMessage());
    }

    @Test
    void theModelRiskValuesSetTheirSettingsAndARetentionUnder25MonthsIsRefused(@TempDir Path dir) throws IOException {
        Map<String, String> defaults = render(null).settings();
        assertEquals("25", defaults.get("HISTORY_RETENTION_MONTHS"));
        assertEquals(appDefault("creditscore.history.retention-months"), defaults.get("HISTORY_RETENTION_MONTHS"));
        assertEquals(appDefault("creditscore.models.archive-prefix"), defaults.get("MODEL_ARCHIVE_PREFIX"));
        assertEquals(appDefault("creditscore.audit-table"), defaults.get("MODEL_AUDIT_TABLE_NAME"));
        assertEquals(appDefault("creditscore.outcome-table"), defaults.get("OUTCOME_TABLE_NAME"));
        assertEquals("false", defaults.get("MODEL_APPROVAL_REQUIRED"));
        assertTrue(defaults.get("MODEL_ARCHIVE_DIR").startsWith("/var/cache/credit-score/"), "in the model cache volume");

        Map<String, String> set = render(values(dir, "modelRisk: {archivePrefix: mrm/archive, approvalRequired: true,"
                + " auditTable: audit-prod, outcomeTable: outcomes-prod, historyRetentionMonths: 84}\n")).settings();
        assertEquals("mrm/archive", set.get("MODEL_ARCHIVE_PREFIX"));
        assertEquals("true", set.get("MODEL_APPROVAL_REQUIRED"));
        assertEquals("audit-prod", set.get("MODEL_AUDIT_TABLE_NAME"));
        assertEquals("outcomes-prod", set.get("OUTCOME_TABLE_NAME"));
        assertEquals("84", set.get("HISTORY_RETENTION_MONTHS"));

        assertRefusedBySchema(values(dir, "modelRisk: {historyRetentionMonths: 24}\n"));
        assertRefusedBySchema(values(dir, "extraSettings: {HISTORY_RETENTION_MONTHS: 12}\n"));
    }

    @Test
    void theRemovalListCoversEveryRouteFileOfTheRepository() throws IOException {
        assertEquals(Set.of("health.camel.yaml", "inference.camel.yaml", "model-monitoring.camel.yaml", "model-risk.camel.yaml",
                "models.camel.yaml", "portfolio-api.camel.yaml", "portfolio-shard.camel.yaml", "predict.camel.yaml",
                "responses.camel.yaml", "rest-api.camel.yaml", "search.camel.yaml", "shadow.camel.yaml"),
                repositoryRoutes().keySet(), "aRouteRemovalThatCannotBeRightIsRefused removes every route file by name");
    }

    // --- defect: no enabled key for a parent chart's condition -----------------------------

    @Test
    void aParentChartInstallsTheChartByItsEnabledCondition(@TempDir Path dir) throws IOException {
        Path parent = dir.resolve("scoring-platform");
        try (Stream<Path> files = Files.walk(renderedChart)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = parent.resolve("charts/credit-score").resolve(renderedChart.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        String version = YAML.readTree(CHART.resolve("Chart.yaml").toFile()).path("version").asText();
        Files.writeString(parent.resolve("Chart.yaml"), """
                apiVersion: v2
                name: scoring-platform
                version: 1.0.0
                dependencies:
                  - name: credit-score
                    version: "%s"
                    condition: credit-score.enabled
                """.formatted(version));

        for (boolean enabled : List.of(true, false)) {
            Path values = values(dir, "credit-score: {enabled: " + enabled + "}\n");
            String manifest = new Helm(parent).template().withName("scoring").withKubeVersion("1.31.0")
                    .withValuesFile(values).call();
            assertEquals(enabled, manifest != null && manifest.contains("kind: Deployment"), "credit-score.enabled: " + enabled);
        }
        assertEquals(1, render(values(dir, "enabled: true\n")).all(Deployment.class).size());
    }

    // --- defect: annotations over the chart's own -------------------------------------------

    @Test
    void theRefusedPodAnnotationsAreExactlyTheOnesTheChartSets(@TempDir Path dir) throws IOException {
        Set<String> refused = new TreeSet<>();
        JSON.readTree(SCHEMA.toFile()).at("/definitions/chartPodAnnotation/enum").forEach(n -> refused.add(n.asText()));
        Set<String> setByTheChart = new TreeSet<>(render(null).one(Deployment.class).getSpec().getTemplate().getMetadata()
                .getAnnotations().keySet());

        assertEquals(setByTheChart, refused);
        for (String annotation : refused) {
            assertRefusedBySchema(values(dir, "podAnnotations: {" + annotation + ": \"1\"}\n"));
        }
        assertEquals("scoring", render(values(dir, "podAnnotations: {example.com/owner: scoring}\n"))
                .podAnnotation("example.com/owner"));
    }

    @Test
    void theIamRoleComesOnlyFromRoleArn(@TempDir Path dir) throws IOException {
        assertRefusedBySchema(values(dir,
                "serviceAccount: {annotations: {eks.amazonaws.com/role-arn: \"arn:aws:iam::123456789012:role/other\"}}\n"));

        ServiceAccount account = render(values(dir, """
                serviceAccount:
                  roleArn: "arn:aws:iam::123456789012:role/credit-score"
                  annotations: {eks.amazonaws.com/sts-regional-endpoints: "true"}
                """)).one(ServiceAccount.class);
        assertEquals(Map.of("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/credit-score",
                "eks.amazonaws.com/sts-regional-endpoints", "true"), account.getMetadata().getAnnotations());
    }

    // --- defect: the preStop pause needs a sleep binary -------------------------------------

    @Test
    void thePreStopPauseCanBeKubernetesOwnSleepAction(@TempDir Path dir) throws IOException {
        JsonNode exec = JSON.valueToTree(render(null).container().getLifecycle().getPreStop());
        assertEquals("[\"sleep\",\"5\"]", exec.at("/exec/command").toString(), "exec by default: the chart supports 1.25 on");
        assertTrue(YAML.readTree(CHART.resolve("Chart.yaml").toFile()).path("kubeVersion").asText().startsWith(">=1.25"));

        Path values = values(dir, "shutdown: {preStopSeconds: 7, timeoutSeconds: 20, preStopAction: sleep}\n");
        Rendered rendered = render(values);
        JsonNode preStop = JSON.valueToTree(rendered.container().getLifecycle().getPreStop());
        assertEquals(7, preStop.at("/sleep/seconds").asInt());
        assertTrue(preStop.path("exec").isMissingNode() || preStop.path("exec").isNull(), preStop.toString());
        assertTrue(rendered.pod().getTerminationGracePeriodSeconds() > 7 + 20);

        Exception refused = assertThrows(Exception.class, () -> template(values).withKubeVersion("1.29.4").call());
        assertTrue(refused.getMessage().contains("shutdown.preStopAction sleep needs Kubernetes 1.30 or later"),
                refused.getMessage());
        assertNull(render(values(dir, "shutdown: {preStopSeconds: 0, timeoutSeconds: 20, preStopAction: sleep}\n"))
                .container().getLifecycle(), "no pause at all rather than a zero sleep older API servers refuse");
        assertRefusedBySchema(values(dir, "shutdown: {preStopSeconds: 5, timeoutSeconds: 20, preStopAction: wait}\n"));
    }

    // --- defect: an IAM warning for the existing service account ----------------------------

    @Test
    void theNotesWarnOfAMissingRoleOnlyForAnAccountTheChartCreates() throws IOException {
        String existing = notes(CI_VALUES.resolve("existing-service-account-values.yaml"));
        assertFalse(existing.contains("WARNING: serviceAccount.roleArn is empty"), existing);
        assertTrue(existing.contains("existing service account credit-score-irsa"), existing);

        assertTrue(notes(null).contains("WARNING: serviceAccount.roleArn is empty"), "a created account without a role");
        assertFalse(notes(PRODUCTION_VALUES).contains("WARNING: serviceAccount.roleArn"), "a created account with its role");
    }

    /** The NOTES of an install, as Helm prints them: a client-side dry run, no cluster. */
    private static String notes(Path values) {
        InstallCommand install = new Helm(CHART).install().withName("credit-score").withNamespace("scoring")
                .withKubeVersion("1.31.0").clientOnly().withDryRunOption(DryRun.CLIENT);
        String output = (values == null ? install : install.withValuesFile(values)).call().getOutput();
        assertTrue(output.contains("The credit-score service is deploying"), output);
        return output;
    }

    // --- defect: the helm test pod's scheduling and the NetworkPolicy's test peer ------------

    @Test
    void theHelmTestPodRunsOnTheNodesOfTheRelease(@TempDir Path dir) throws IOException {
        Rendered rendered = render(values(dir, """
                nodeSelector: {kubernetes.io/os: linux, node-pool: scoring}
                tolerations: [{key: dedicated, operator: Equal, value: scoring, effect: NoSchedule}]
                affinity:
                  nodeAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms:
                        - matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [ap-southeast-1a]}]
                  podAntiAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      - topologyKey: kubernetes.io/hostname
                        labelSelector: {matchLabels: {app.kubernetes.io/name: credit-score}}
                """));
        PodSpec service = rendered.pod();
        PodSpec test = rendered.one(Pod.class).getSpec();

        assertEquals(service.getNodeSelector(), test.getNodeSelector());
        assertEquals(service.getTolerations(), test.getTolerations());
        assertEquals(service.getAffinity().getNodeAffinity(), test.getAffinity().getNodeAffinity());
        assertNull(test.getAffinity().getPodAntiAffinity(), "the service's spread rules would keep the test off its nodes");
        PodSpec plain = render(null).one(Pod.class).getSpec();
        assertTrue(plain.getNodeSelector() == null || plain.getNodeSelector().isEmpty());
        assertNull(plain.getAffinity());
    }

    @Test
    void theNetworkPolicyAdmitsThisReleasesTestPodAndNoPodThatOnlySharesItsCommonLabels() throws IOException {
        Rendered rendered = render(CI_VALUES.resolve("all-features-values.yaml"));
        Pod test = rendered.one(Pod.class);
        Pod lookalike = new Pod();
        lookalike.setMetadata(new ObjectMeta());
        lookalike.getMetadata().setLabels(Map.of(INSTANCE_LABEL, "credit-score", "app.kubernetes.io/component", "test"));
        Pod otherTest = new Pod();
        otherTest.setMetadata(new ObjectMeta());
        Map<String, String> otherLabels = new TreeMap<>(test.getMetadata().getLabels());
        otherLabels.put("credit-score.vpbank.com/helm-test", "other-release");
        otherTest.getMetadata().setLabels(otherLabels);

        List<NetworkPolicyIngressRule> rules = rendered.one(NetworkPolicy.class).getSpec().getIngress();
        assertEquals(2, rules.size());
        for (NetworkPolicyIngressRule rule : rules) {
            assertFalse(rule.getFrom().isEmpty());
            assertTrue(rule.getFrom().stream().anyMatch(peer -> selects(peer, test)), "the release's test pod gets in");
            assertFalse(rule.getFrom().stream().anyMatch(peer -> selects(peer, lookalike)),
                    "a pod with only the instance and component labels needs an explicit peer");
            assertFalse(rule.getFrom().stream().anyMatch(peer -> selects(peer, otherTest)));
        }
    }

    // --- checks shared by the tests -------------------------------------------------------

    private static void assertEnvironmentIsReadByTheApplication(Rendered rendered) throws IOException {
        Set<String> set = new TreeSet<>(rendered.settings().keySet());
        rendered.container().getEnv().stream().map(EnvVar::getName).forEach(set::add);
        set.removeAll(JVM_ENVIRONMENT);

        Set<String> unknown = new TreeSet<>(set);
        unknown.removeAll(environmentTheApplicationReads());
        assertEquals(Set.of(), unknown, "set by the chart but never read by the application");
        assertTrue(set.containsAll(Set.of("CUSTOMER_TABLE_NAME", "AWS_DEFAULT_REGION", "ML_DATA_BUCKET",
                "ROUTES_DIR", "MODEL_CACHE_DIR", "SHUTDOWN_TIMEOUT_SECONDS")));
        assertEquals(rendered.container().getEnv().size(),
                rendered.container().getEnv().stream().map(EnvVar::getName).distinct().count(), "no variable twice");
    }

    private static void assertProbesUseTheApplicationsPaths(Rendered rendered) throws IOException {
        Container container = rendered.container();
        String healthPath = appDefault("camel.management.health-path");
        int managementPort = Integer.parseInt(rendered.setting("MANAGEMENT_PORT"));
        assertProbe(container.getLivenessProbe(), healthPath + "/live", container, managementPort);
        assertProbe(container.getStartupProbe(), healthPath + "/live", container, managementPort);
        assertProbe(container.getReadinessProbe(), healthPath + "/ready", container, managementPort);
    }

    private static void assertManagementPortOnlyInsideTheCluster(Rendered rendered) {
        int managementPort = namedPort(rendered.container(), "management").getContainerPort();
        for (Service service : rendered.all(Service.class)) {
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort();
                boolean management = "management".equals(target.getStrVal())
                        || Integer.valueOf(managementPort).equals(target.getIntVal());
                if (management) {
                    assertEquals("ClusterIP", service.getSpec().getType(),
                            service.getMetadata().getName() + " exposes the management port");
                }
            }
        }
    }

    /** At least one pod may be evicted when every replica the release keeps is up. */
    private static void assertDisruptionBudgetAllowsADrain(Rendered rendered, Path values) {
        for (PodDisruptionBudget budget : rendered.all(PodDisruptionBudget.class)) {
            HorizontalPodAutoscaler autoscaler = rendered.all(HorizontalPodAutoscaler.class).stream().findFirst().orElse(null);
            int replicas = autoscaler != null ? autoscaler.getSpec().getMinReplicas()
                    : rendered.one(Deployment.class).getSpec().getReplicas();
            IntOrString minAvailable = budget.getSpec().getMinAvailable();
            IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
            int evictable;
            if (minAvailable != null) {
                evictable = replicas - pods(minAvailable, replicas);
            } else {
                evictable = pods(maxUnavailable, replicas);
            }
            assertTrue(evictable >= 1, values + ": " + evictable + " of " + replicas + " pods may be evicted");
        }
    }

    /** An IntOrString of a PodDisruptionBudget in pods: Kubernetes rounds percentages up. */
    private static int pods(IntOrString count, int replicas) {
        if (count.getIntVal() != null) {
            return count.getIntVal();
        }
        int percent = Integer.parseInt(count.getStrVal().replace("%", ""));
        return (int) Math.ceil(replicas * percent / 100.0);
    }

    private static void assertTestPodIsSelectedByNothing(Rendered rendered) {
        for (Pod test : rendered.all(Pod.class)) {
            Map<String, String> labels = test.getMetadata().getLabels();
            for (Service service : rendered.all(Service.class)) {
                assertFalse(labels.entrySet().containsAll(service.getSpec().getSelector().entrySet()),
                        service.getMetadata().getName() + " would send requests to the test pod");
            }
            for (PodDisruptionBudget budget : rendered.all(PodDisruptionBudget.class)) {
                assertFalse(labels.entrySet().containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet()));
            }
            assertFalse(labels.entrySet().containsAll(
                    rendered.one(Deployment.class).getSpec().getSelector().getMatchLabels().entrySet()));
        }
    }

    private static boolean selects(NetworkPolicyPeer peer, Pod pod) {
        return peer.getPodSelector() != null && peer.getNamespaceSelector() == null
                && pod.getMetadata().getLabels().entrySet().containsAll(peer.getPodSelector().getMatchLabels().entrySet());
    }

    private static void assertRestrictedContainer(Container container) {
        assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(Boolean.FALSE, container.getSecurityContext().getPrivileged());
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
    }

    private static void assertRefusedBySchema(Path values) {
        Exception refused = assertThrows(Exception.class, () -> template(values).call(), () -> readQuietly(values));
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
        Set<String> names = new TreeSet<>();
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

    // --- the image's side -------------------------------------------------------------

    private static List<String> dockerfileEntrypoint() throws IOException {
        Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT\\s+(\\[.*])$").matcher(Files.readString(DOCKERFILE));
        assertTrue(entrypoint.find(), "the Dockerfile has an ENTRYPOINT in exec form");
        return List.of(JSON.readValue(entrypoint.group(1), String[].class));
    }

    private static Map<String, String> dockerfileEnvironment() throws IOException {
        Map<String, String> environment = new TreeMap<>();
        Matcher env = Pattern.compile("(?m)^ENV\\s+(.+)$").matcher(Files.readString(DOCKERFILE));
        while (env.find()) {
            Matcher assignment = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)").matcher(env.group(1));
            while (assignment.find()) {
                environment.put(assignment.group(1), assignment.group(2).replaceAll("^\"|\"$", ""));
            }
        }
        return environment;
    }

    /** The sources of the Dockerfile's COPY instructions, as the build context names them. */
    private static Set<String> dockerfileCopySources() throws IOException {
        Set<String> sources = new TreeSet<>();
        Matcher copy = Pattern.compile("(?m)^COPY\\s+(?!--from)(\\S+)\\s+\\S+$").matcher(Files.readString(DOCKERFILE));
        while (copy.find()) {
            sources.add(copy.group(1));
        }
        assertFalse(sources.isEmpty());
        return sources;
    }

    // --- the chart's side -------------------------------------------------------------

    private static Set<String> reservedEnvironmentNames() throws IOException {
        Set<String> names = new TreeSet<>();
        JSON.readTree(SCHEMA.toFile()).at("/definitions/reservedEnvName/enum").forEach(n -> names.add(n.asText()));
        assertFalse(names.isEmpty());
        return names;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#") ? resolve(schema, schema.at(ref.substring(1))) : node;
    }

    /** values.yaml as README rows: maps are walked into, anything else (lists, empty maps) is one value. */
    private static void flatten(String prefix, JsonNode node, Map<String, String> into) throws IOException {
        if (node.isObject() && !node.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
        } else {
            into.put(prefix, JSON.writeValueAsString(node));
        }
    }

    private static Path values(Path dir, String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "values", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return file.toString();
        }
    }

    private static TemplateCommand template(Path values) {
        return template("credit-score", values);
    }

    private static TemplateCommand template(String release, Path values) {
        TemplateCommand command = new Helm(renderedChart).template().withName(release).withNamespace("scoring")
                .withKubeVersion("1.31.0");
        return values == null ? command : command.withValuesFile(values);
    }

    private static Rendered render(Path values) throws IOException {
        return render("credit-score", values);
    }

    private static Rendered render(String release, Path values) throws IOException {
        String manifest = template(release, values).call();
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

        /** The Service named after the Deployment with this suffix ("" for the API's). */
        Service service(String suffix) {
            String name = one(Deployment.class).getMetadata().getName() + suffix;
            return all(Service.class).stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no Service " + name));
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

        EnvVar env(String name) {
            return container().getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no variable " + name));
        }

        String podAnnotation(String name) {
            return one(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations().get(name);
        }
    }
}

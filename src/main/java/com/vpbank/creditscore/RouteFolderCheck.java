package com.vpbank.creditscore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelLease;
import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.routecheck.RouteProblemsException;
import com.vpbank.creditscore.routecheck.RouteSchema;
import com.vpbank.creditscore.security.ApiKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.main.Main;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Checks a folder of route files before it is deployed, with no network and no AWS:
 *
 * <pre>java -jar credit-score.jar --check-routes DIR [--models BUNDLE]</pre>
 *
 * <ol>
 * <li>each {@code *.camel.yaml} against Camel's YAML DSL schema ({@link RouteSchema});</li>
 * <li>the service started on the folder, on loopback, with DynamoDB Local in the process
 * standing in for DynamoDB and the bundle folder (default {@code models}, or MODELS_DIR)
 * standing in for S3: the start-up check of the routes runs (beans, methods, roles, models,
 * endpoints and their options, simple expressions, exchange properties);</li>
 * <li>sample requests through every REST path: an existing and a new customer's
 * prediction with a row for every model of the bundle, a search, the health, drift and
 * comparison reports and a reload. Each must answer 2xx, and each prediction must be
 * scored by every model it names without a failure.</li>
 * </ol>
 *
 * Every problem is printed on a line of its own with the route file (and line where it
 * is known). Exit status 0 when there is none, 1 when there is one, 2 for a wrong call.
 */
public final class RouteFolderCheck {

    private static final Duration READY = Duration.ofSeconds(90);
    private static final String EXISTING_CUSTOMER = "CHECK-EXISTING-CUSTOMER";

    private final Path routes;
    private final Path models;
    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> problems = new ArrayList<>();
    private final List<Exchange> failures = new CopyOnWriteArrayList<>();

    RouteFolderCheck(Path routes, Path models, PrintStream out) {
        this.routes = routes.toAbsolutePath().normalize();
        this.models = models.toAbsolutePath().normalize();
        this.out = out;
    }

    /** Runs the check from the command line's arguments after {@code --check-routes}; the exit status. */
    public static int run(List<String> arguments, PrintStream out) {
        if (arguments.isEmpty() || arguments.size() != 1 && !(arguments.size() == 3 && arguments.get(1).equals("--models"))) {
            out.println("usage: java -jar credit-score.jar --check-routes DIR [--models BUNDLE]");
            return 2;
        }
        Path routes = Path.of(arguments.get(0));
        String bundle = arguments.size() == 3 ? arguments.get(2) : System.getenv().getOrDefault("MODELS_DIR", "models");
        if (!Files.isDirectory(routes)) {
            out.println(routes + ": not a folder");
            return 2;
        }
        Configurator.setRootLevel(Level.WARN);
        Configurator.setLevel("creditscore.requests", Level.WARN);
        return new RouteFolderCheck(routes, Path.of(bundle), out).check();
    }

    int check() {
        List<Path> files = routeFiles();
        if (files.isEmpty()) {
            problems.add(routes + ": no *.camel.yaml file");
        }
        RouteSchema schema = new RouteSchema();
        files.forEach(file -> schema.problems(file).forEach(problem -> problems.add(problem.toString())));
        Path work;
        try {
            work = Files.createTempDirectory("check-routes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Main main = CreditScoreApplication.newMain();
        String key = UUID.randomUUID().toString();
        int port = freePort();
        settings(work, key, port).forEach(main::addOverrideProperty);
        main.bind("routeCheckFailedExchanges", new FailedExchanges());
        try {
            main.start();
        } catch (Exception e) {
            startFailure(e);
            stop(main);
            return report(files);
        }
        try {
            CamelContext context = main.getCamelContext();
            ModelRegistry registry = context.getRegistry().lookupByNameAndType("modelRegistry", ModelRegistry.class);
            if (awaitLoaded(registry)) {
                try (ModelLease lease = registry.acquire()) {
                    samples(context, lease.bundle(), URI.create("http://127.0.0.1:" + port), key);
                }
            } else {
                problems.add(models + ": the model bundle did not load within " + READY.toSeconds()
                        + " s (the service's log says why)");
            }
        } finally {
            stop(main);
        }
        return report(files);
    }

    private Map<String, String> settings(Path work, String key, int port) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
        settings.put("camel.server.host", "127.0.0.1");
        settings.put("camel.server.port", Integer.toString(port));
        settings.put("camel.management.host", "127.0.0.1");
        settings.put("camel.management.port", Integer.toString(freePort()));
        settings.put("creditscore.dynamodb.endpoint", "");
        settings.put("creditscore.dynamodb.local.port", "0");
        settings.put("creditscore.dynamodb.local.data-dir", work.resolve("dynamodb").toString());
        settings.put("creditscore.demo-customers", EXISTING_CUSTOMER);
        settings.put("creditscore.models.bucket", "");
        settings.put("creditscore.models-dir", models.toString());
        settings.put("creditscore.models.cache-dir", work.resolve("model-cache").toString());
        settings.put("creditscore.models.load-retry-ms", "1000");
        settings.put("creditscore.challenger.dir", "");
        settings.put("creditscore.challenger.prefix", "");
        String hash = ApiKeys.sha256Hex(key);
        settings.put("creditscore.api-keys", "scorer:" + hash + ",admin:" + hash);
        return settings;
    }

    private void startFailure(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RouteProblemsException routeProblems) {
                routeProblems.problems().forEach(problem -> problems.add(problem.toString()));
                return;
            }
        }
        problems.add(routes + ": the service does not start on these routes: " + rootMessage(failure));
    }

    private boolean awaitLoaded(ModelRegistry registry) {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (registry != null && registry.isLoaded()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** A sample request for each REST path the routes define; a path with none is said to be left out. */
    private void samples(CamelContext context, ModelBundle bundle, URI api, String key) {
        String allGroups = features(bundle);
        for (RestDefinition rest : ((ModelCamelContext) context).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String method = verb.asVerb().toUpperCase(java.util.Locale.ROOT);
                String path = (rest.getPath() == null ? "" : rest.getPath()) + verb.getPath();
                switch (method + " " + path) {
                    case "POST /api/v1/predict" -> {
                        expectPrediction(context, api, key, EXISTING_CUSTOMER, allGroups, "existing");
                        expectPrediction(context, api, key, "CHECK-NEW-" + UUID.randomUUID(), allGroups, "new");
                    }
                    case "GET /api/v1/search" -> expect(context, "GET /api/v1/search", request(api,
                            "/api/v1/search?customer_id=" + EXISTING_CUSTOMER, key).GET());
                    case "POST /api/v1/search" -> expect(context, "POST /api/v1/search", request(api,
                            "/api/v1/search", key).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"customer_id\": \"" + EXISTING_CUSTOMER + "\"}")));
                    case "POST /models/reload" -> expect(context, "POST /models/reload", request(api,
                            "/models/reload", key).POST(HttpRequest.BodyPublishers.noBody()));
                    default -> {
                        if (method.equals("GET")) {
                            expect(context, "GET " + path, request(api, path, key).GET());
                        } else {
                            out.println("left out: " + method + " " + path + " (no sample request for it)");
                        }
                    }
                }
            }
        }
    }

    private void expectPrediction(CamelContext context, URI api, String key, String customerId, String groups,
                                  String customerType) {
        String what = "POST /api/v1/predict (" + (customerType.equals("new") ? "a new" : "an existing") + " customer)";
        JsonNode answer = expect(context, what, request(api, "/api/v1/predict", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer_id\": \"" + customerId + "\", \"features\": "
                        + groups + "}")));
        if (answer == null) {
            return;
        }
        if (!customerType.equals(answer.path("customer_type").asText())) {
            problems.add(routeFile(context, "predict") + ": " + what + " answered customer_type "
                    + answer.path("customer_type") + ", not \"" + customerType + "\"");
        }
        for (JsonNode model : answer.path("models")) {
            if (model.has("error")) {
                problems.add(routeFile(context, "predict") + ": " + what + ": model " + model.path("model")
                        + " failed: " + model.get("error").asText());
            }
        }
    }

    private JsonNode expect(CamelContext context, String what, HttpRequest.Builder request) {
        failures.clear();
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            problems.add(routes + ": " + what + " got no answer: " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (response.statusCode() / 100 != 2) {
            String where = failures.isEmpty() ? routes.toString() : routeFile(context,
                    failures.get(0).getProperty(ExchangePropertyKey.FAILURE_ROUTE_ID, String.class));
            String cause = failures.isEmpty() ? "" : " (" + shortened(rootMessage(
                    failures.get(0).getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Exception.class))) + ")";
            problems.add(where + ": " + what + " answered " + response.statusCode() + " " + shortened(response.body())
                    + cause);
            return null;
        }
        out.println("ok " + what + " answered " + response.statusCode());
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            problems.add(routes + ": " + what + " answered " + response.statusCode() + " with a body that is not JSON");
            return null;
        }
    }

    /** A row for every model of the bundle: its baseline where the bundle gives one, else zeros. */
    private String features(ModelBundle bundle) {
        ObjectNode groups = json.createObjectNode();
        for (Model model : bundle.models()) {
            ArrayNode row = groups.putArray(model.name());
            float[] baseline = model.config().baseline();
            for (int i = 0; i < model.config().inputSize(); i++) {
                row.add(baseline == null ? 0.0 : baseline[i]);
            }
        }
        return groups.toString();
    }

    private HttpRequest.Builder request(URI api, String path, String key) {
        return HttpRequest.newBuilder(api.resolve(path)).header("Authorization", "Bearer " + key);
    }

    private String routeFile(CamelContext context, String routeId) {
        RouteDefinition route = routeId == null ? null : ((ModelCamelContext) context).getRouteDefinition(routeId);
        if (route == null) {
            return routes.toString();
        }
        String location = route.getLocation() != null ? route.getLocation()
                : route.getResource() != null ? route.getResource().getLocation() : routes.toString();
        return location.replaceFirst("^file:", "") + (route.getLineNumber() > 0 ? ":" + route.getLineNumber() : "")
                + " (route " + routeId + ")";
    }

    private int report(List<Path> files) {
        problems.forEach(problem -> out.println("PROBLEM " + problem));
        out.println(files.size() + " route files in " + routes + ": "
                + (problems.isEmpty() ? "no problem" : problems.size() + (problems.size() == 1 ? " problem" : " problems")));
        return problems.isEmpty() ? 0 : 1;
    }

    private List<Path> routeFiles() {
        try (Stream<Path> files = Files.list(routes)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".camel.yaml"))
                    .sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(Main main) {
        try {
            main.stop();
        } catch (Exception e) {
            // The check's outcome is decided; a failure to stop changes nothing of it.
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rootMessage(Throwable failure) {
        if (failure == null) {
            return "";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String shortened(String body) {
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    /** Notes each exchange that failed, handled or not, with the route it failed in. */
    private final class FailedExchanges extends EventNotifierSupport {
        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeFailureHandledEvent handled) {
                failures.add(handled.getExchange());
            } else if (event instanceof CamelEvent.ExchangeFailedEvent failed) {
                failures.add(failed.getExchange());
            }
        }
    }
}

package com.vpbank.creditscore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelBundle;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.EventNotifier;
import org.apache.camel.support.EventNotifierSupport;

/**
 * The sample requests of {@link RouteFolderCheck}: one through every REST path of a started
 * service, each expected to answer 2xx (a prediction scored by every model it names). A
 * failure is a problem named with the route file of the route it failed in.
 */
final class SampleRequests {

    static final String EXISTING_CUSTOMER = "CHECK-EXISTING-CUSTOMER";

    private final Path routes;
    private final PrintStream out;
    private final List<String> problems;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Exchange> failures = new CopyOnWriteArrayList<>();
    private JsonNode lastPrediction;

    /** Problems go to {@code problems}; the answers that passed are printed to {@code out}. */
    SampleRequests(Path routes, PrintStream out, List<String> problems) {
        this.routes = routes;
        this.out = out;
        this.problems = problems;
    }

    /** Notes each failed exchange with the route it failed in; bound to the service before it starts. */
    EventNotifier failedExchanges() {
        return new FailedExchanges();
    }

    /** A sample request for each REST path the routes define; a path with none is said to be left out. */
    void send(CamelContext context, ModelBundle bundle, URI api, String key) {
        String allGroups = features(bundle);
        // Paths about a stored prediction go after the predictions, whatever file defines them.
        List<String> aboutAPrediction = new java.util.ArrayList<>();
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
                    case "POST /api/v1/replay", "POST /api/v1/outcomes" -> aboutAPrediction.add(path);
                    default -> {
                        if (path.contains("{name}")) {
                            expectForEachModel(context, bundle, api, key, method, path);
                        } else if (method.equals("GET") && path.contains("{")) {
                            out.println("left out: " + method + " " + path + " (a path with a parameter)");
                        } else if (method.equals("GET")) {
                            expect(context, "GET " + path, request(api, path, key).GET());
                        } else {
                            out.println("left out: " + method + " " + path + " (no sample request for it)");
                        }
                    }
                }
            }
        }
        for (String path : aboutAPrediction) {
            if (lastPrediction == null) {
                out.println("left out: POST " + path + " (no prediction was stored to send it about)");
                continue;
            }
            String prediction = "{\"customer_id\": \"" + lastPrediction.path("customer_id").asText()
                    + "\", \"prediction_id\": \"" + lastPrediction.path("prediction_id").asText() + "\"";
            String body = path.equals("/api/v1/replay") ? prediction + "}"
                    : "{\"outcomes\": [" + prediction + ", \"defaulted\": false}]}";
            expect(context, "POST " + path, request(api, path, key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
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
        lastPrediction = answer;
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

    /**
     * A path of one model ({@code {name}}, and {@code {version}} when it has one): the request
     * for each model of the bundle, an infer with one row of its {@link #row}.
     */
    private void expectForEachModel(CamelContext context, ModelBundle bundle, URI api, String key, String method,
                                    String path) {
        for (Model model : bundle.models()) {
            String modelPath = path.replace("{name}", model.name()).replace("{version}", model.config().version());
            HttpRequest.Builder request = request(api, modelPath, key);
            if (method.equals("GET")) {
                expect(context, "GET " + modelPath, request.GET());
            } else if (method.equals("POST") && path.endsWith("/infer")) {
                ObjectNode body = json.createObjectNode();
                ObjectNode input = body.putArray("inputs").addObject();
                input.put("name", "features").put("datatype", "FP32");
                input.putArray("shape").add(1).add(model.config().inputSize());
                input.set("data", row(model));
                expect(context, "POST " + modelPath, request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
            } else {
                out.println("left out: " + method + " " + path + " (no sample request for it)");
                return;
            }
        }
    }

    /** A row for every model of the bundle: its baseline where the bundle gives one, else zeros. */
    private String features(ModelBundle bundle) {
        ObjectNode groups = json.createObjectNode();
        for (Model model : bundle.models()) {
            groups.set(model.name(), row(model));
        }
        return groups.toString();
    }

    /** The model's baseline where its bundle gives one, else zeros. */
    private ArrayNode row(Model model) {
        ArrayNode row = json.createArrayNode();
        float[] baseline = model.config().baseline();
        for (int i = 0; i < model.config().inputSize(); i++) {
            row.add(baseline == null ? 0.0 : baseline[i]);
        }
        return row;
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

    static String rootMessage(Throwable failure) {
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

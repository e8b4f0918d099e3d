package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.security.ApiKeys;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A service with a challenger against one without, both real, over HTTP, sent the same
 * requests: the answers are the same, the shadow table holds one record per prediction with
 * both versions, and {@code /models/compare} and {@code /models/drift} answer the figures this
 * test computes on its own from the requests, the answers, the challenger's model files
 * (scored here in the test JVM) and the bundles' reference.json.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChampionChallengerTest {

    private static final String CHAMPION_VERSION = "2025-11-08.1";
    private static final String CHALLENGER_VERSION = "2026-01-15.2";
    private static final int WINDOW = 40;
    private static final int REQUESTS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    private static RunningService plain;
    private static RunningService shadowed;
    private static ModelBundle challengerModels;
    private static final List<Sent> sent = new ArrayList<>();

    /** One request as sent to both services, with both answers. */
    private record Sent(String customerId, Map<String, float[]> features, JsonNode plainAnswer, JsonNode answer) {
        boolean existing() {
            return answer.get("customer_type").asText().equals("existing");
        }

        double score() {
            return existing() ? answer.get("aggregated_score").asDouble() : answer.get("score").asDouble();
        }

        double modelScore(String model) {
            if (!existing()) {
                return answer.get("score").asDouble();
            }
            for (JsonNode entry : answer.get("models")) {
                if (entry.get("model").asText().equals(model)) {
                    return entry.get("score").asDouble();
                }
            }
            throw new AssertionError("no " + model + " in " + answer);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        Path challenger = ChallengerBundles.write(folder.resolve("challenger"), CHALLENGER_VERSION,
                Map.of("traditional", 25.0, "social", -20.0, "xgboost", 40.0));
        challengerModels = ModelBundle.load(challenger);
        plain = RunningService.start(Map.of("creditscore.drift.window", Integer.toString(WINDOW)));
        shadowed = RunningService.start(Map.of(
                "creditscore.challenger.dir", challenger.toString(),
                "creditscore.drift.window", Integer.toString(WINDOW),
                "creditscore.shadow.pool-size", "1",
                "creditscore.shadow.pool-queue", "1000"));
        shadowed.awaitChallenger();

        Random random = new Random(15);
        for (int i = 0; i < REQUESTS; i++) {
            Map<String, float[]> features = new LinkedHashMap<>();
            String customerId;
            if (i % 2 == 0) {
                customerId = "CUS-CC-" + i;
                for (RunningService service : List.of(plain, shadowed)) {
                    service.dynamo().putItem(r -> r.tableName(service.customerTable())
                            .item(Map.of("customer_id", AttributeValue.fromS(customerId))));
                }
                features.put("traditional", row(random, 8));
                features.put("social", row(random, 5));
            } else {
                customerId = "NEW-CC-" + i;
                features.put("xgboost", row(random, 10));
            }
            String body = body(customerId, features);
            HttpResponse<String> plainAnswer = plain.post("/api/v1/predict", body);
            HttpResponse<String> answer = shadowed.post("/api/v1/predict", body);
            assertEquals(200, plainAnswer.statusCode(), plainAnswer.body());
            assertEquals(200, answer.statusCode(), answer.body());
            sent.add(new Sent(customerId, features, plain.json(plainAnswer), shadowed.json(answer)));
        }
        awaitShadowRecords(shadowed, REQUESTS);
    }

    @AfterAll
    static void stop() {
        challengerModels.close();
        shadowed.close();
        plain.close();
    }

    @Test
    void answersWithAChallengerAreTheAnswersWithoutOne() {
        for (Sent request : sent) {
            ObjectNode without = ((ObjectNode) request.plainAnswer().deepCopy());
            ObjectNode with = ((ObjectNode) request.answer().deepCopy());
            for (ObjectNode answer : List.of(without, with)) {
                answer.remove("prediction_id");
                answer.remove("timestamp");
            }
            assertEquals(without, with);
            assertFalse(request.answer().toString().contains(CHALLENGER_VERSION), "the challenger never answers");
        }
    }

    @Test
    void theShadowTableHoldsOneRecordPerPredictionWithBothScoresGroupsAndVersions() {
        List<Map<String, AttributeValue>> records = shadowed.shadowRecords();
        assertEquals(REQUESTS, records.size());
        Map<String, Map<String, AttributeValue>> byPrediction = new HashMap<>();
        records.forEach(item -> byPrediction.put(item.get("prediction_id").s(), item));
        assertEquals(REQUESTS, byPrediction.size(), "one record per prediction");

        long now = System.currentTimeMillis() / 1000;
        for (Sent request : sent) {
            Map<String, AttributeValue> item = byPrediction.get(request.answer().get("prediction_id").asText());
            assertEquals(request.customerId(), item.get("customer_id").s());
            assertEquals(request.score(), Double.parseDouble(item.get("champion_score").n()), 1e-9);
            assertEquals(request.answer().get("credit_group").asText(), item.get("champion_credit_group").s());
            double challengerScore = challengerScore(request);
            assertEquals(challengerScore, Double.parseDouble(item.get("challenger_score").n()), 1e-9);
            assertEquals(group(challengerScore), item.get("challenger_credit_group").s());
            Map<String, AttributeValue> championVersions = item.get("champion_versions").m();
            Map<String, AttributeValue> challengerVersions = item.get("challenger_versions").m();
            assertEquals(request.features().keySet(), championVersions.keySet());
            assertEquals(request.features().keySet(), challengerVersions.keySet());
            championVersions.values().forEach(v -> assertEquals(CHAMPION_VERSION, v.s()));
            challengerVersions.values().forEach(v -> assertEquals(CHALLENGER_VERSION, v.s()));
            long expires = Long.parseLong(item.get("expires_at").n());
            assertTrue(expires > now + 29L * 86_400 && expires <= now + 31L * 86_400, "30 days of TTL");
        }
        assertTrue(plain.dynamo().listTables().tableNames().stream().noneMatch(plain.shadowTable()::equals),
                "no challenger, no shadow table");
    }

    @Test
    void compareAnswersTheFiguresOfTheLastWindowOfShadowedPredictions() {
        JsonNode compare = get(shadowed, "/models/compare");
        System.out.println("GET /models/compare: " + compare);

        List<Sent> window = sent.subList(REQUESTS - WINDOW, REQUESTS);
        double[] champion = window.stream().mapToDouble(Sent::score).toArray();
        double[] challenger = window.stream().mapToDouble(ChampionChallengerTest::challengerScore).toArray();
        double[] differences = new double[WINDOW];
        int agree = 0;
        for (int i = 0; i < WINDOW; i++) {
            differences[i] = Math.abs(challenger[i] - champion[i]);
            agree += window.get(i).answer().get("credit_group").asText().equals(group(challenger[i])) ? 1 : 0;
        }
        assertEquals(WINDOW, compare.get("window_size").asInt());
        assertEquals(1, compare.get("challenger_generation").asLong());
        assertEquals(REQUESTS, compare.get("shadowed").asLong());
        assertEquals(0, compare.get("dropped").asLong());
        assertEquals(0, compare.get("challenger_failed").asLong());
        assertEquals(0, compare.get("errors").asLong());
        assertEquals(WINDOW, compare.get("pairs_in_window").asInt());
        assertEquals(Arrays.stream(differences).average().orElseThrow(),
                compare.get("mean_abs_score_difference").asDouble(), 1e-9);
        assertEquals(percentile(differences, 95), compare.get("p95_abs_score_difference").asDouble(), 1e-9);
        assertEquals((double) agree / WINDOW, compare.get("credit_group_agreement").asDouble(), 1e-12);
        assertTrue(agree < WINDOW, "the challenger moves some customers to another group");
        double[] edges = new double[9];
        for (int d = 1; d <= 9; d++) {
            edges[d - 1] = percentile(champion, d * 10);
        }
        assertEquals(psi(shares(champion, edges), shares(challenger, edges)), compare.get("score_psi").asDouble(),
                1e-9);
        assertNotEquals(0, compare.get("score_psi").asDouble());
    }

    @Test
    void driftAnswersEachModelsPsiOverItsLastWindowOfPredictionsForBothBundles() throws IOException {
        JsonNode drift = get(shadowed, "/models/drift");

        assertEquals(WINDOW, drift.get("window_size").asInt());
        for (String bundle : List.of("champion", "challenger")) {
            JsonNode models = drift.get(bundle).get("models");
            assertEquals(1, drift.get(bundle).get("model_generation").asLong());
            assertEquals(3, models.size());
            for (JsonNode model : models) {
                String name = model.get("model").asText();
                assertEquals(bundle.equals("champion") ? CHAMPION_VERSION : CHALLENGER_VERSION,
                        model.get("version").asText());
                List<Sent> used = sent.stream().filter(s -> s.features().containsKey(name)).toList();
                List<Sent> window = used.subList(used.size() - WINDOW, used.size());
                JsonNode reference = JSON.readTree(Path.of("models", name, "reference.json").toFile());

                double[] scores = window.stream().mapToDouble(s -> bundle.equals("champion")
                        ? s.modelScore(name) : challengerModelScore(name, s.features().get(name))).toArray();
                assertTrue(model.get("reference").asBoolean());
                assertEquals(WINDOW, model.get("predictions").asInt());
                assertEquals(psiAgainst(reference.get("score"), scores), model.get("score_psi").asDouble(), 1e-9,
                        bundle + " " + name + " score");
                List<String> names = featureNames(name);
                JsonNode featurePsi = model.get("feature_psi");
                assertEquals(names.size(), featurePsi.size());
                for (int f = 0; f < names.size(); f++) {
                    int position = f;
                    double[] values = window.stream().mapToDouble(s -> s.features().get(name)[position]).toArray();
                    assertEquals(psiAgainst(reference.get("features").get(names.get(f)), values),
                            featurePsi.get(names.get(f)).asDouble(), 1e-9, bundle + " " + name + " " + names.get(f));
                }
            }
        }
        JsonNode plainDrift = get(plain, "/models/drift");
        assertFalse(plainDrift.has("challenger"));
        assertEquals(WINDOW, plainDrift.get("champion").get("models").get(0).get("predictions").asInt());
    }

    @Test
    void healthAndMetricsReportTheChallengerLikeTheChampion() {
        JsonNode health = shadowed.json(shadowed.get("/health"));
        assertEquals("healthy", health.get("status").asText());
        JsonNode challenger = health.get("challenger");
        assertEquals(List.of("social", "traditional", "xgboost"), texts(challenger.get("models_cached")));
        assertEquals(1, challenger.get("model_generation").asLong());
        for (JsonNode model : challenger.get("models")) {
            assertEquals(CHALLENGER_VERSION, model.get("version").asText());
            assertTrue(model.get("loaded_at").asText().endsWith("Z"));
        }
        assertFalse(plain.json(plain.get("/health")).has("challenger"));

        String metrics = scrape(shadowed);
        for (String model : List.of("traditional", "social", "xgboost")) {
            assertEquals(1, value(metrics, "creditscore_model_info{bundle=\"challenger\",generation=\"1\",model=\""
                    + model + "\",version=\"" + CHALLENGER_VERSION + "\"}"));
            assertEquals(1, value(metrics, "creditscore_model_info{bundle=\"champion\",generation=\"1\",model=\""
                    + model + "\",version=\"" + CHAMPION_VERSION + "\"}"));
        }
        assertEquals(REQUESTS, value(metrics, "creditscore_shadow_requests_total{outcome=\"compared\"}"));
        assertEquals(REQUESTS / 2.0, value(metrics,
                "creditscore_shadow_inference_seconds_count{model=\"traditional\",outcome=\"success\"}"));
        JsonNode drift = get(shadowed, "/models/drift");
        double incomePsi = drift.at("/challenger/models/2/feature_psi/income").asDouble();
        assertEquals(incomePsi, value(metrics,
                "creditscore_drift_psi{bundle=\"challenger\",model=\"xgboost\",variable=\"income\"}"), 1e-9);
        assertFalse(scrape(plain).contains("creditscore_shadow_requests_total"), "no challenger, no shadow work");
    }

    @Test
    void theChallengerReloadsOnItsOwnAndOnlyAnAdminMayAskForTheFigures() {
        HttpResponse<String> bogus = shadowed.post("/models/reload?bundle=other", "");
        assertEquals(400, bogus.statusCode(), bogus.body());
        HttpResponse<String> none = plain.post("/models/reload?bundle=challenger", "");
        assertEquals(409, none.statusCode(), none.body());
        assertEquals("No challenger bundle is configured.", plain.json(none).get("error").asText());

        String scorerOnly = "scorer-only-key";
        try (RunningService limited = RunningService.start(Map.of("creditscore.api-keys",
                "scorer:" + ApiKeys.sha256Hex(scorerOnly)))) {
            for (String path : List.of("/models/drift", "/models/compare")) {
                assertEquals(403, limited.send(HttpRequest.newBuilder(limited.uri(path))
                        .header("Authorization", "Bearer " + scorerOnly)).statusCode());
                assertEquals(401, limited.sendAsIs(HttpRequest.newBuilder(limited.uri(path))).statusCode());
            }
        }
    }

    // Reloading the challenger starts a new generation and window: it runs last, after the
    // figures above were read.
    @Test
    @Order(Integer.MAX_VALUE)
    void reloadingTheChallengerStartsItsWindowAgain() {
        HttpResponse<String> reload = shadowed.post("/models/reload?bundle=challenger", "");

        assertEquals(200, reload.statusCode(), reload.body());
        JsonNode answer = shadowed.json(reload);
        assertEquals("challenger", answer.get("bundle").asText());
        assertEquals(2, answer.get("model_generation").asLong());
        JsonNode compare = get(shadowed, "/models/compare");
        assertEquals(2, compare.get("challenger_generation").asLong());
        assertEquals(0, compare.get("shadowed").asLong());
        assertFalse(compare.has("mean_abs_score_difference"));
        assertEquals(1, shadowed.json(shadowed.get("/health")).get("model_generation").asLong(),
                "the champion stays as it was");
    }

    // --- what the test computes on its own ------------------------------------------------

    private static double challengerScore(Sent request) {
        return request.features().entrySet().stream()
                .mapToDouble(group -> challengerModelScore(group.getKey(), group.getValue()))
                .average().orElseThrow();
    }

    private static double challengerModelScore(String model, float[] features) {
        return challengerModels.model(model).predict(features).score();
    }

    private static String group(double score) {
        return score < 580 ? "Poor" : score < 670 ? "Fair" : score < 740 ? "Good" : score < 800 ? "Very Good"
                : "Exceptional";
    }

    /** The p-th percentile, linear between the closest ranks (NumPy's default). */
    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p / 100 * (sorted.length - 1);
        int below = (int) rank;
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    /** Shares of values per bin; a value on an edge counts above it. */
    private static double[] shares(double[] values, double[] edges) {
        double[] shares = new double[edges.length + 1];
        for (double value : values) {
            int bin = 0;
            while (bin < edges.length && edges[bin] <= value) {
                bin++;
            }
            shares[bin] += 1.0 / values.length;
        }
        return shares;
    }

    private static double psi(double[] expected, double[] actual) {
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(expected[i], 1e-4);
            double a = Math.max(actual[i], 1e-4);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    private static double psiAgainst(JsonNode reference, double[] values) {
        double[] edges = numbers(reference.get("edges"));
        return psi(numbers(reference.get("proportions")), shares(values, edges));
    }

    private static double[] numbers(JsonNode array) {
        double[] numbers = new double[array.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = array.get(i).asDouble();
        }
        return numbers;
    }

    private static List<String> featureNames(String model) throws IOException {
        return texts(JSON.readTree(Path.of("models", model, "config.json").toFile()).get("feature_names"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    // --- requests ----------------------------------------------------------------------------

    /** A row of values in [0, 1) as the service reads them back from their JSON text. */
    private static float[] row(Random random, int width) {
        float[] row = new float[width];
        for (int i = 0; i < width; i++) {
            row[i] = (float) Double.parseDouble(Float.toString(random.nextFloat()));
        }
        return row;
    }

    private static String body(String customerId, Map<String, float[]> features) {
        StringBuilder json = new StringBuilder("{\"customer_id\": \"" + customerId + "\", \"features\": {");
        Iterator<Map.Entry<String, float[]>> groups = features.entrySet().iterator();
        while (groups.hasNext()) {
            Map.Entry<String, float[]> group = groups.next();
            json.append('"').append(group.getKey()).append("\": [");
            for (int i = 0; i < group.getValue().length; i++) {
                json.append(i == 0 ? "" : ", ").append(Float.toString(group.getValue()[i]));
            }
            json.append(groups.hasNext() ? "], " : "]");
        }
        return json.append("}}").toString();
    }

    static void awaitShadowRecords(RunningService service, int count) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (service.shadowRecords().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the shadow table holds " + service.shadowRecords().size() + " of " + count);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static JsonNode get(RunningService service, String path) {
        HttpResponse<String> response = service.get(path);
        assertEquals(200, response.statusCode(), response.body());
        return service.json(response);
    }

    static String scrape(RunningService service) {
        HttpResponse<String> response = service.sendAsIs(
                HttpRequest.newBuilder(service.managementUri("/observe/metrics")).GET());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    /** A series' value, 0 when it is not there. */
    static double value(String scrape, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+|NaN)$").matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}

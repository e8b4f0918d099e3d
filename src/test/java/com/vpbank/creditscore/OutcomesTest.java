package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.vpbank.creditscore.security.ApiKeys;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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
 * Outcomes and performance through HTTP against a real service with a challenger: outcomes
 * are recorded once per prediction (with the outcomes role or admin), and AUC, KS and Gini
 * per model and version, and champion beside challenger on the shadowed predictions, equal
 * this test's own computation (every pair of scores for AUC, every threshold for KS) within
 * 1e-9; the meters say the same.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutcomesTest {

    private static final String OUTCOMES_KEY = "outcomes-only-key";
    private static final String SCORER_KEY = "scorer-only-key";
    private static final String CHAMPION = "2025-11-08.1";
    private static final String CHALLENGER = "2026-01-15.2";
    private static final int PREDICTIONS = 60;

    @TempDir
    static Path folder;

    private static RunningService service;
    /** Each prediction's answer and the outcome this test gives it. */
    private static final List<JsonNode> answers = new ArrayList<>();
    private static final Map<String, Boolean> defaulted = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        Path challenger = ChallengerBundles.write(folder.resolve("challenger"), CHALLENGER,
                Map.of("traditional", 30.0, "social", -20.0, "xgboost", 25.0));
        String both = ApiKeys.sha256Hex(RunningService.TEST_API_KEY);
        service = RunningService.start(Map.of(
                "creditscore.challenger.dir", challenger.toString(),
                "creditscore.api-keys", "scorer:" + both + ",admin:" + both
                        + ",outcomes:" + ApiKeys.sha256Hex(OUTCOMES_KEY) + ",scorer:" + ApiKeys.sha256Hex(SCORER_KEY)));
        service.awaitChallenger();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    @Order(1)
    void outcomesAreRecordedOncePerPrediction() throws InterruptedException {
        Random random = new Random(11);
        for (int i = 0; i < PREDICTIONS; i++) {
            boolean existing = i % 2 == 0;
            String customerId = existing ? service.existingCustomer() : "CUS-OUTCOME-" + i;
            String groups = existing
                    ? "\"traditional\": " + row(random, 8) + ", \"social\": " + row(random, 5)
                    : "\"xgboost\": " + row(random, 10);
            HttpResponse<String> answer = service.post("/api/v1/predict", ScoringServiceTest.predictBody(customerId, groups));
            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode json = service.json(answer);
            answers.add(json);
            double score = score(json);
            // Lower scores default more often, with noise: AUC well inside (0.5, 1).
            defaulted.put(json.get("prediction_id").asText(), random.nextDouble() < (850 - score) / 700);
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (service.shadowRecords().size() < PREDICTIONS && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(PREDICTIONS, service.shadowRecords().size());

        HttpResponse<String> first = outcomes(answers.subList(0, 40), OUTCOMES_KEY, false);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(40, service.json(first).get("recorded").asInt());
        HttpResponse<String> again = outcomes(answers.subList(0, 40), OUTCOMES_KEY, false);
        assertEquals(0, service.json(again).get("recorded").asInt());
        assertEquals(40, service.json(again).get("already_recorded").asInt());
        HttpResponse<String> rest = outcomes(answers.subList(40, PREDICTIONS), RunningService.TEST_API_KEY, false);
        assertEquals(20, service.json(rest).get("recorded").asInt(), rest.body());

        HttpResponse<String> flipped = outcomes(answers.subList(0, 1), OUTCOMES_KEY, true);
        assertEquals(200, flipped.statusCode());
        assertEquals(answers.get(0).get("prediction_id").asText(), service.json(flipped).at("/conflicting/0").asText());
        assertEquals(defaulted.get(answers.get(0).get("prediction_id").asText()),
                outcomeItem(answers.get(0)).get("defaulted").bool(), "a conflicting outcome changes nothing");
        assertEquals(PREDICTIONS, outcomeCount());
    }

    @Test
    @Order(2)
    void badOrUnknownOutcomesAndOtherRolesAreRefusedAndChangeNothing() {
        assertEquals(403, outcomes(answers.subList(0, 1), SCORER_KEY, false).statusCode());
        HttpResponse<String> unknown = send("{\"outcomes\": [{\"customer_id\": \""
                + answers.get(1).get("customer_id").asText() + "\", \"prediction_id\": \"" + answers.get(1)
                .get("prediction_id").asText() + "\", \"defaulted\": true}, {\"customer_id\": \"CUS-NOBODY\","
                + " \"prediction_id\": \"00000000-0000-0000-0000-000000000000\", \"defaulted\": true}]}", OUTCOMES_KEY);
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals(400, send("{\"outcomes\": []}", OUTCOMES_KEY).statusCode());
        assertEquals(400, send("{\"outcomes\": [{\"customer_id\": \"CUS-1\", \"prediction_id\": \"a\","
                + " \"defaulted\": \"yes\"}]}", OUTCOMES_KEY).statusCode());
        assertEquals(400, send("{\"outcomes\": [{\"customer_id\": \"CUS-1\", \"prediction_id\": \"a\","
                + " \"defaulted\": true, \"observed_at\": \"last week\"}]}", OUTCOMES_KEY).statusCode());
        assertEquals(403, service.sendAsIs(HttpRequest.newBuilder(service.uri("/models/performance"))
                .header("Authorization", "Bearer " + OUTCOMES_KEY).GET()).statusCode());
        assertEquals(PREDICTIONS, outcomeCount());
    }

    @Test
    @Order(3)
    void aucKsAndGiniPerModelVersionEqualThisTestsOwnWithin1e9() throws Exception {
        HttpResponse<String> response = service.get("/models/performance");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode report = service.json(response);
        assertEquals(PREDICTIONS, report.get("outcomes").asInt());
        assertEquals(defaulted.values().stream().filter(d -> d).count(), report.get("defaults").asLong());

        Map<String, List<double[]>> expected = new TreeMap<>();
        for (JsonNode answer : answers) {
            double label = defaulted.get(answer.get("prediction_id").asText()) ? 1 : 0;
            if (answer.has("models")) {
                for (JsonNode model : answer.get("models")) {
                    expected.computeIfAbsent(model.get("model").asText() + "@" + model.get("version").asText(),
                            k -> new ArrayList<>()).add(new double[] {model.get("score").asDouble(), label});
                }
            } else {
                expected.computeIfAbsent("xgboost@" + answer.get("version").asText(), k -> new ArrayList<>())
                        .add(new double[] {answer.get("score").asDouble(), label});
            }
        }
        assertEquals(3, report.get("models").size());
        String scrape = metrics();
        for (JsonNode entry : report.get("models")) {
            String key = entry.get("model").asText() + "@" + entry.get("version").asText();
            assertEquals(CHAMPION, entry.get("version").asText());
            List<double[]> sample = expected.get(key);
            assertFigures(sample, entry, key);
            assertEquals(auc(sample), value(scrape, "creditscore_model_auc{bundle=\"champion\",model=\""
                    + entry.get("model").asText() + "\",version=\"" + CHAMPION + "\"}"), 1e-9, key + " meter");
            int poor = 0;
            int poorDefaults = 0;
            for (double[] pair : sample) {
                if (pair[0] < 580) {
                    poor++;
                    poorDefaults += (int) pair[1];
                }
            }
            if (poor > 0) {
                assertEquals(poor, entry.at("/default_rate_by_credit_group/Poor/count").asInt());
                assertEquals((double) poorDefaults / poor,
                        entry.at("/default_rate_by_credit_group/Poor/default_rate").asDouble(), 1e-12);
            }
        }
        assertTrue(value(scrape, "creditscore_outcomes_total{result=\"recorded\"}") >= PREDICTIONS);
    }

    @Test
    @Order(4)
    void championAndChallengerSideBySideOnShadowedPredictions() {
        Map<String, List<double[]>> champion = new TreeMap<>();
        Map<String, List<double[]>> challenger = new TreeMap<>();
        for (Map<String, AttributeValue> record : service.shadowRecords()) {
            String pair = new TreeMap<>(record.get("challenger_versions").m()).keySet().toString();
            double label = defaulted.get(record.get("prediction_id").s()) ? 1 : 0;
            champion.computeIfAbsent(pair, k -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(record.get("champion_score").n()), label});
            challenger.computeIfAbsent(pair, k -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(record.get("challenger_score").n()), label});
        }
        JsonNode shadowed = service.json(service.get("/models/performance")).get("shadowed");
        assertEquals(champion.size(), shadowed.size());
        for (JsonNode entry : shadowed) {
            List<String> models = new ArrayList<>();
            entry.get("challenger_versions").fieldNames().forEachRemaining(models::add);
            entry.get("challenger_versions").forEach(version -> assertEquals(CHALLENGER, version.asText()));
            entry.get("champion_versions").forEach(version -> assertEquals(CHAMPION, version.asText()));
            String pair = new java.util.TreeSet<>(models).toString();
            assertEquals(champion.get(pair).size(), entry.get("count").asInt());
            assertFigures(champion.get(pair), entry.get("champion"), pair + " champion");
            assertFigures(challenger.get(pair), entry.get("challenger"), pair + " challenger");
        }
        assertEquals(200, service.get("/models/performance?since=2020-01-01T00:00:00Z&until=2100-01-01T00:00:00Z")
                .statusCode());
        assertEquals(0, service.json(service.get("/models/performance?until=2020-01-01T00:00:00Z"))
                .get("outcomes").asInt());
        assertEquals(400, service.get("/models/performance?since=yesterday").statusCode());
    }

    private static void assertFigures(List<double[]> sample, JsonNode entry, String what) {
        int defaults = 0;
        for (double[] pair : sample) {
            defaults += (int) pair[1];
        }
        if (entry.has("count")) {
            assertEquals(sample.size(), entry.get("count").asInt(), what);
            assertEquals(defaults, entry.get("defaults").asInt(), what);
        }
        double auc = auc(sample);
        assertEquals(auc, entry.get("auc").asDouble(), 1e-9, what + " AUC");
        assertEquals(ks(sample), entry.get("ks").asDouble(), 1e-9, what + " KS");
        assertEquals(2 * auc - 1, entry.get("gini").asDouble(), 1e-9, what + " Gini");
        assertTrue(auc > 0 && auc < 1, what + " AUC " + auc);
    }

    /** Over every pair of a defaulter and a non-defaulter: the share where the non-defaulter scored higher, ties half. */
    static double auc(List<double[]> sample) {
        double wins = 0;
        long pairs = 0;
        for (double[] good : sample) {
            if (good[1] == 1) {
                continue;
            }
            for (double[] bad : sample) {
                if (bad[1] == 0) {
                    continue;
                }
                pairs++;
                wins += good[0] > bad[0] ? 1 : good[0] == bad[0] ? 0.5 : 0;
            }
        }
        return wins / pairs;
    }

    /** At every score as a threshold: the largest gap between the shares of defaulters and non-defaulters at or below it. */
    static double ks(List<double[]> sample) {
        double bads = sample.stream().filter(pair -> pair[1] == 1).count();
        double goods = sample.size() - bads;
        double max = 0;
        for (double[] threshold : sample) {
            double badBelow = sample.stream().filter(pair -> pair[1] == 1 && pair[0] <= threshold[0]).count();
            double goodBelow = sample.stream().filter(pair -> pair[1] == 0 && pair[0] <= threshold[0]).count();
            max = Math.max(max, Math.abs(badBelow / bads - goodBelow / goods));
        }
        return max;
    }

    private static double score(JsonNode answer) {
        return answer.has("aggregated_score") ? answer.get("aggregated_score").asDouble() : answer.get("score").asDouble();
    }

    private static HttpResponse<String> outcomes(List<JsonNode> of, String key, boolean flip) {
        StringBuilder body = new StringBuilder("{\"outcomes\": [");
        for (int i = 0; i < of.size(); i++) {
            JsonNode answer = of.get(i);
            boolean label = defaulted.get(answer.get("prediction_id").asText()) ^ flip;
            body.append(i == 0 ? "" : ", ").append("{\"customer_id\": \"").append(answer.get("customer_id").asText())
                    .append("\", \"prediction_id\": \"").append(answer.get("prediction_id").asText())
                    .append("\", \"defaulted\": ").append(label).append(", \"observed_at\": \"2026-09-30T00:00:00Z\"}");
        }
        return send(body.append("]}").toString(), key);
    }

    private static HttpResponse<String> send(String body, String key) {
        return service.sendAsIs(HttpRequest.newBuilder(service.uri("/api/v1/outcomes"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String outcomeTable() {
        return service.camelContext().getPropertiesComponent().resolveProperty("creditscore.outcome-table").orElseThrow();
    }

    private static long outcomeCount() {
        return service.dynamo().scanPaginator(request -> request.tableName(outcomeTable()).consistentRead(true))
                .items().stream().count();
    }

    private static Map<String, AttributeValue> outcomeItem(JsonNode answer) {
        return service.dynamo().getItem(request -> request.tableName(outcomeTable()).consistentRead(true)
                .key(Map.of("prediction_id", AttributeValue.fromS(answer.get("prediction_id").asText())))).item();
    }

    private static String metrics() {
        return service.sendAsIs(HttpRequest.newBuilder(service.managementUri("/observe/metrics")).GET()).body();
    }

    private static double value(String scrape, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(scrape);
        if (!line.find()) {
            throw new AssertionError("no " + series);
        }
        return Double.parseDouble(line.group(1));
    }

    private static String row(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat();
        }
        return ScoringServiceTest.array(values);
    }
}

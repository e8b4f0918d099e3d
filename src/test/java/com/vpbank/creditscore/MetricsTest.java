package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A Prometheus scrape of the management port before and after real traffic. */
class MetricsTest {

    @Test
    void countersMoveWithTraffic() {
        try (RunningService service = RunningService.start()) {
            String before = scrape(service);
            String existing = service.existingCustomer();

            assertEquals(200, service.post("/api/v1/predict", "{\"customer_id\": \"" + existing
                    + "\", \"features\": {" + DemoFeatures.EXISTING + "}}").statusCode());
            assertEquals(200, service.post("/api/v1/predict", "{\"customer_id\": \"CUS_METRICS_NEW\", \"features\": {"
                    + DemoFeatures.NEW + "}}").statusCode());
            assertEquals(401, service.sendAsIs(HttpRequest.newBuilder(service.uri("/api/v1/search?customer_id=X"))).statusCode());
            String after = scrape(service);

            String predict200 = "creditscore_http_requests_seconds_count{method=\"POST\",route=\"predict-endpoint\",status=\"200\"}";
            assertEquals(2, value(after, predict200) - value(before, predict200));
            String search401 = "creditscore_http_requests_seconds_count{method=\"GET\",route=\"search-endpoint\",status=\"401\"}";
            assertEquals(1, value(after, search401) - value(before, search401));
            assertTrue(after.contains("creditscore_http_requests_seconds_bucket{method=\"POST\",route=\"predict-endpoint\",status=\"200\",le=\"0.025\"}"),
                    "a latency histogram");
            for (String type : new String[] {"existing", "new"}) {
                String series = "creditscore_predictions_total{customer_type=\"" + type + "\"}";
                assertEquals(1, value(after, series) - value(before, series), series);
            }
            // The existing customer's models give their score and impacts in one call each;
            // xgboost scores, then its reasons step computes TreeSHAP.
            for (String[] modelCall : new String[][] {{"traditional", "score"}, {"social", "score"},
                    {"xgboost", "score"}, {"xgboost", "reasons"}}) {
                String series = "creditscore_model_inference_seconds_count{call=\"" + modelCall[1] + "\",model=\""
                        + modelCall[0] + "\",outcome=\"success\"}";
                assertEquals(1, value(after, series) - value(before, series), series);
            }
            for (String model : new String[] {"traditional", "social"}) {
                assertFalse(after.contains("creditscore_model_inference_seconds_count{call=\"reasons\",model=\"" + model),
                        model + " makes no call for its reasons alone");
            }
            String getItem = "creditscore_dynamodb_calls_seconds_count{operation=\"GetItem\",outcome=\"success\"}";
            assertEquals(2, value(after, getItem) - value(before, getItem));
            String transaction = "creditscore_dynamodb_calls_seconds_count{operation=\"TransactWriteItems\",outcome=\"success\"}";
            assertEquals(2, value(after, transaction) - value(before, transaction), "one transaction per stored prediction");
            assertEquals(1, value(after, "creditscore_model_info{bundle=\"champion\",generation=\"1\",model=\"xgboost\",version=\"2025-11-08.1\"}"));
            assertTrue(after.contains("creditscore_requests_in_flight "), "the in-flight gauge");
            assertTrue(after.contains("jvm_memory_used_bytes"), "JVM meters");
            assertTrue(after.contains("camel_exchanges_total"), "Camel route meters");
        }
    }

    /**
     * What a keyed predict costs in DynamoDB capacity, from the answers' own consumed capacity
     * (a consistent read of the customer: one read unit; the claim: one write unit), and every
     * item it writes under 1 KB, the size up to which a transaction writes an item for two
     * write units (DynamoDB Local's figure for transactions is not AWS's, so the items' sizes
     * are checked by DynamoDB's published rules).
     */
    @Test
    void capacityUnitsByTableAndItemsUnderOneKilobyte() {
        try (RunningService service = RunningService.start()) {
            String existing = service.existingCustomer();
            String newcomer = "CUS-NEW-" + java.util.UUID.randomUUID();
            String before = scrape(service);
            HttpResponse<String> answer = keyedPredict(service, existing, DemoFeatures.EXISTING, "capacity-1");
            assertEquals(200, answer.statusCode(), answer.body());
            String after = scrape(service);
            assertEquals(200, keyedPredict(service, newcomer, DemoFeatures.NEW, "capacity-2").statusCode());

            assertEquals(1.0, units(before, after, service.customerTable(), "GetItem"), "consistent read of the customer");
            assertEquals(1.0, units(before, after, service.idempotencyTable(), "PutItem"), "the claim");
            double transaction = units(before, after, service.historyTable(), "TransactWriteItems");
            assertTrue(transaction > 0, "the transaction's units are counted by table");
            assertEquals(transaction, units(before, after, service.customerTable(), "TransactWriteItems"));
            assertEquals(transaction, units(before, after, service.idempotencyTable(), "TransactWriteItems"));

            for (String customer : List.of(existing, newcomer)) {
                assertTrue(ItemSize.of(service.history(customer).get(0)) <= 1024, "history record of " + customer);
                assertTrue(ItemSize.of(service.customerItem(customer)) <= 1024, "latest of " + customer);
            }
            List<Map<String, AttributeValue>> keys = service.dynamo().scan(scan -> scan
                    .tableName(service.idempotencyTable())).items();
            assertEquals(2, keys.size());
            for (Map<String, AttributeValue> key : keys) {
                assertTrue(ItemSize.of(key) <= 1024, "the key's stored answer: " + ItemSize.of(key) + " bytes");
            }

            HttpResponse<String> retry = keyedPredict(service, existing, DemoFeatures.EXISTING, "capacity-1");
            assertEquals(200, retry.statusCode(), retry.body());
            assertEquals(service.json(answer), service.json(retry), "the stored answer, as first answered");
        }
    }

    private static HttpResponse<String> keyedPredict(RunningService service, String customer, String features,
                                                     String key) {
        return service.post("/api/v1/predict", "{\"customer_id\": \"" + customer + "\", \"features\": {"
                + features + "}}", "Content-Type", "application/json", "Idempotency-Key", key);
    }

    private static double units(String before, String after, String table, String operation) {
        String series = "creditscore_dynamodb_capacity_units_total{operation=\"" + operation + "\",table=\"" + table + "\"}";
        return valueOrZero(after, series) - valueOrZero(before, series);
    }

    private static double valueOrZero(String scrape, String series) {
        return scrape.contains(series + " ") ? value(scrape, series) : 0;
    }

    @Test
    void madeUpMethodsAndPathsAddAtMostOneSeries() {
        try (RunningService service = RunningService.start()) {
            service.sendAsIs(HttpRequest.newBuilder(service.uri("/warm-up")).GET());
            String before = scrape(service);

            for (int i = 0; i < 300; i++) {
                HttpResponse<String> response = service.sendAsIs(HttpRequest.newBuilder(service.uri("/nope/CUS" + i))
                        .method("X" + i + "Z", HttpRequest.BodyPublishers.noBody()));
                assertEquals(404, response.statusCode(), response.body());
            }
            String after = scrape(service);

            List<String> added = new ArrayList<>(series(after));
            added.removeAll(series(before));
            assertTrue(added.size() <= 1, "series added: " + added);
            assertFalse(after.contains("X1Z") || after.contains("CUS1"), "a made-up method or path is a label value");
            assertEquals(300, value(after, "creditscore_http_requests_seconds_count{method=\"other\",route=\"unmatched-request\",status=\"404\"}"));
        }
    }

    /**
     * Every series of a scrape, by name and labels: a histogram's bucket, count, sum and max
     * lines are one series. The JVM's own meters are left out: a garbage collection of a new
     * kind may add one of them at any time.
     */
    private static Set<String> series(String scrape) {
        return scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.substring(0, line.lastIndexOf(' ')))
                .filter(name -> !name.startsWith("jvm_") && !name.startsWith("process_") && !name.startsWith("system_"))
                .map(name -> name.replaceFirst("_(bucket|count|sum|max)([{]|$)", "$2").replaceFirst(",?le=\"[^\"]*\"", ""))
                .collect(Collectors.toSet());
    }

    private static String scrape(RunningService service) {
        HttpResponse<String> response = service.sendAsIs(
                HttpRequest.newBuilder(service.managementUri("/observe/metrics")).GET());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    /** A series' value, 0 when it is not there yet. */
    private static double value(String scrape, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}

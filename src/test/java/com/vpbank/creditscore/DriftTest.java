package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Population drift seen over HTTP: new customers whose income is shifted upwards, every other
 * feature drawn as in training (the demo bundle's synthetic data: uniform on [0, 1], flags
 * with their training rates). The drift answer and the gauges show PSI above 0.25 for income
 * and below 0.10 for the unshifted features.
 */
class DriftTest {

    private static final int CUSTOMERS = 400;
    /** xgboost's features, in order; has_mortgage and has_car_loan are flags. */
    private static final String[] FEATURES = {"income", "savings", "debt", "employment_years", "age_normalized",
        "has_mortgage", "has_car_loan", "monthly_spending", "credit_inquiries", "account_age"};

    @Test
    void aShiftedFeatureHasPsiAboveOneQuarterAndTheUnshiftedOnesBelowATenth() throws Exception {
        try (RunningService service = RunningService.start(Map.of("creditscore.drift.window",
                Integer.toString(CUSTOMERS)))) {
            Random random = new Random(2025);
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                float[] row = new float[FEATURES.length];
                for (int f = 0; f < row.length; f++) {
                    row[f] = random.nextFloat();
                }
                row[0] = 0.4f + 0.6f * random.nextFloat();
                row[5] = random.nextFloat() < 0.35 ? 1 : 0;
                row[6] = random.nextFloat() < 0.30 ? 1 : 0;
                StringBuilder vector = new StringBuilder();
                for (float value : row) {
                    vector.append(vector.length() == 0 ? "" : ", ").append(value);
                }
                bodies.add(ScoringServiceTest.predictBody("DRIFT-" + i, "\"xgboost\": [" + vector + "]"));
            }
            ExecutorService clients = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> statuses = new ArrayList<>();
                for (String body : bodies) {
                    statuses.add(clients.submit(() -> service.post("/api/v1/predict", body).statusCode()));
                }
                for (Future<Integer> status : statuses) {
                    assertEquals(200, status.get());
                }
            } finally {
                clients.shutdown();
            }

            HttpResponse<String> response = service.get("/models/drift");
            assertEquals(200, response.statusCode(), response.body());
            JsonNode xgboost = service.json(response).at("/champion/models/2");
            assertEquals("xgboost", xgboost.get("model").asText());
            assertEquals(CUSTOMERS, xgboost.get("predictions").asInt());
            JsonNode psi = xgboost.get("feature_psi");
            System.out.println("PSI of " + CUSTOMERS + " new customers, income shifted: " + psi);
            assertTrue(psi.get("income").asDouble() > 0.25, "income: " + psi);
            for (String unshifted : List.of("savings", "debt", "employment_years", "age_normalized", "has_mortgage",
                    "has_car_loan", "monthly_spending", "credit_inquiries", "account_age")) {
                assertTrue(psi.get(unshifted).asDouble() < 0.10, unshifted + ": " + psi);
            }
            String metrics = ChampionChallengerTest.scrape(service);
            assertTrue(ChampionChallengerTest.value(metrics,
                    "creditscore_drift_psi{bundle=\"champion\",model=\"xgboost\",variable=\"income\"}") > 0.25);
            assertTrue(ChampionChallengerTest.value(metrics,
                    "creditscore_drift_psi{bundle=\"champion\",model=\"xgboost\",variable=\"savings\"}") < 0.10);
            assertTrue(metrics.contains(
                    "creditscore_drift_psi{bundle=\"champion\",model=\"traditional\",variable=\"score\"} NaN"),
                    "no existing customer yet: no traditional PSI");
        }
    }
}

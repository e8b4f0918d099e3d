package com.vpbank.creditscore.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vpbank.creditscore.TestBundles;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelPrediction;
import com.vpbank.creditscore.model.ModelsUnavailableException;
import com.vpbank.creditscore.observe.ServiceMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reason codes of real predictions on the demo bundle, computed by the bean without Camel. */
class ReasonCodesTest {

    /** A weak applicant: more than four of its features lower each model's score. */
    private static final float[] TRADITIONAL = {0.1f, 0.2f, 0.9f, 0.1f, 0.2f, 0.9f, 0f, 0f};
    private static final float[] SOCIAL = {0.1f, 0.95f, 0.1f, 0.5f, 0.1f};
    private static final float[] XGBOOST = {0.1f, 0.2f, 0.9f, 0.1f, 0.2f, 0f, 1f, 0.9f, 0.9f, 0.1f};
    /** A strong applicant: fewer than four features lower the XGBoost score. */
    private static final float[] XGBOOST_STRONG = {0.95f, 0.95f, 0.05f, 0.9f, 0.8f, 1f, 0f, 0.1f, 0.1f, 0.5f};

    private static ModelBundle bundle;
    private static JsonNode configs;
    private final Predictions predictions = new Predictions(java.time.Clock.systemUTC());
    private final ReasonCodes reasonCodes = new ReasonCodes(Duration.ofSeconds(1), ServiceMetrics.none());

    @BeforeAll
    static void load() throws IOException {
        bundle = ModelBundle.load(TestBundles.DEMO);
        // The bundle's config files as JSON, to check codes against what the bundle says.
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode files = mapper.createObjectNode();
        for (String model : List.of("traditional", "social", "xgboost")) {
            files.set(model, mapper.readTree(TestBundles.DEMO.resolve(model + "/config.json").toFile()));
        }
        configs = files;
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    @Test
    void newCustomerGetsTheFourMostNegativeXgboostImpactsInOrderWithTheBundlesCodes() {
        PredictRequest request = request(bundle, Map.of("xgboost", XGBOOST));
        Prediction explained = reasonCodes.explain(newCustomer(request), request);

        List<Reason> expected = expected(bundle, "xgboost", XGBOOST, 1);
        assertTrue(negatives(bundle, "xgboost", XGBOOST) > 4, "the row has more than four harmful features");
        assertEquals(4, explained.reasons().size());
        assertEquals(expected, explained.reasons());
        for (Reason reason : explained.reasons()) {
            JsonNode code = configs.at("/xgboost/reason_codes/" + reason.feature());
            assertEquals(code.get("code").asText(), reason.code());
            assertEquals(code.get("description").asText(), reason.description());
            assertTrue(reason.impact() < 0);
        }
    }

    @Test
    void fewerHarmfulFeaturesGiveFewerReasons() {
        PredictRequest request = request(bundle, Map.of("xgboost", XGBOOST_STRONG));
        int harmful = negatives(bundle, "xgboost", XGBOOST_STRONG);
        assertTrue(harmful < 4, harmful + " harmful features");

        Prediction explained = reasonCodes.explain(newCustomer(request), request);

        assertEquals(harmful, explained.reasons().size());
        assertEquals(expected(bundle, "xgboost", XGBOOST_STRONG, 1), explained.reasons());
    }

    @Test
    void existingCustomerImpactsAreOnTheMeanOfTheModelsThatScored() {
        PredictRequest request = request(bundle, Map.of("traditional", TRADITIONAL, "social", SOCIAL));
        Prediction explained = reasonCodes.explain(existing(request, "traditional", "social"), request);

        List<Reason> expected = new ArrayList<>(expected(bundle, "traditional", TRADITIONAL, 2));
        expected.addAll(expected(bundle, "social", SOCIAL, 2));
        expected.sort(Comparator.comparingDouble(Reason::impact));
        assertEquals(expected.subList(0, 4), explained.reasons());
        assertTrue(explained.rawPredictions().stream().allMatch(r -> r.reasonsUnavailable() == null));
    }

    @Test
    void withoutABaselineAnOnnxModelGivesNoReasonsAndSaysSoAndTreesUseFeatureNamesAsCodes(@TempDir Path folder) {
        try (ModelBundle plain = ModelBundle.load(TestBundles.withoutReasonCodeFields(folder))) {
            PredictRequest existingRequest = request(plain, Map.of("traditional", TRADITIONAL, "social", SOCIAL));
            Prediction existing = reasonCodes.explain(existing(existingRequest, "traditional", "social"),
                    existingRequest);

            assertEquals(List.of(), existing.reasons());
            for (ModelResult result : existing.rawPredictions()) {
                assertEquals(ReasonCodes.NO_BASELINE, result.reasonsUnavailable(), result.model());
            }

            PredictRequest newRequest = request(plain, Map.of("xgboost", XGBOOST));
            Prediction newCustomer = reasonCodes.explain(newCustomer(newRequest), newRequest);
            assertEquals(4, newCustomer.reasons().size());
            for (Reason reason : newCustomer.reasons()) {
                assertEquals(reason.feature(), reason.code());
                assertNull(reason.description());
            }
            assertEquals(expected(bundle, "xgboost", XGBOOST, 1).stream().map(Reason::impact).toList(),
                    newCustomer.reasons().stream().map(Reason::impact).toList());
        }
    }

    @Test
    void aFailedModelIsLeftOutAndTheOthersImpactsAreDividedByTheModelsThatScored() {
        PredictRequest request = request(bundle, Map.of("traditional", TRADITIONAL, "social", SOCIAL));
        ModelPrediction social = bundle.model("social").predict(SOCIAL);
        AggregatedScore aggregated = ScoreAggregation.aggregate(List.of(
                ModelResult.failed("traditional", "Model traditional failed to score."),
                ModelResult.scored("social", social.score(), social.scoreScaled(), "v")));

        Prediction explained = reasonCodes.explain(predictions.existing(request, aggregated), request);

        List<Reason> expected = expected(bundle, "social", SOCIAL, 1);
        assertEquals(expected.subList(0, Math.min(4, expected.size())), explained.reasons());
    }

    @Test
    void overBudgetOnAFakeClockAnExistingCustomersModelSaysSoAndANewCustomerGets503() {
        AtomicLong now = new AtomicLong();
        // The fake clock moves two seconds per reading: every reasons call is over its 1 s budget.
        ReasonCodes slow = new ReasonCodes(Duration.ofSeconds(1), () -> now.addAndGet(2_000_000_000L),
                ServiceMetrics.none());
        PredictRequest existingRequest = request(bundle, Map.of("traditional", TRADITIONAL, "social", SOCIAL));

        Prediction existing = slow.explain(existing(existingRequest, "traditional", "social"), existingRequest);

        assertEquals(List.of(), existing.reasons());
        assertEquals("The model's reason codes exceeded its time budget of 1000 ms.",
                existing.rawPredictions().get(0).reasonsUnavailable());
        PredictRequest newRequest = request(bundle, Map.of("xgboost", XGBOOST));
        assertThrows(ModelsUnavailableException.class, () -> slow.explain(newCustomer(newRequest), newRequest));
    }

    /** The model's negative impacts divided by {@code divisor}, most negative first, at most four, as reasons. */
    private static List<Reason> expected(ModelBundle models, String model, float[] features, int divisor) {
        double[] impacts = models.model(model).impacts(features);
        List<Reason> reasons = new ArrayList<>();
        JsonNode names = configs.at("/" + model + "/feature_names");
        for (int i = 0; i < impacts.length; i++) {
            if (impacts[i] < 0) {
                String feature = names.get(i).asText();
                JsonNode code = configs.at("/" + model + "/reason_codes/" + feature);
                reasons.add(new Reason(code.get("code").asText(), feature, model, impacts[i] / divisor,
                        code.get("description").asText()));
            }
        }
        reasons.sort(Comparator.comparingDouble(Reason::impact));
        return reasons.subList(0, Math.min(4, reasons.size()));
    }

    private static int negatives(ModelBundle models, String model, float[] features) {
        int count = 0;
        for (double impact : models.model(model).impacts(features)) {
            count += impact < 0 ? 1 : 0;
        }
        return count;
    }

    private static PredictRequest request(ModelBundle models, Map<String, float[]> features) {
        return new PredictRequest("CUS1", features, models);
    }

    private Prediction newCustomer(PredictRequest request) {
        ModelPrediction prediction = request.models().model("xgboost").predict(request.features("xgboost"));
        return predictions.newCustomer(request,
                ModelResult.scored("xgboost", prediction.score(), prediction.scoreScaled(), "v"));
    }

    private Prediction existing(PredictRequest request, String... models) {
        List<ModelResult> results = new ArrayList<>();
        for (String model : models) {
            ModelPrediction prediction = request.models().model(model).predict(request.features(model));
            results.add(ModelResult.scored(model, prediction.score(), prediction.scoreScaled(), "v"));
        }
        return predictions.existing(request, ScoreAggregation.aggregate(results));
    }
}

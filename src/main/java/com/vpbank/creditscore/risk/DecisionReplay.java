package com.vpbank.creditscore.risk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.observe.ServiceMetrics;
import com.vpbank.creditscore.scoring.AggregatedScore;
import com.vpbank.creditscore.scoring.CreditGroup;
import com.vpbank.creditscore.scoring.ExistingCustomerPrediction;
import com.vpbank.creditscore.scoring.ModelResult;
import com.vpbank.creditscore.scoring.ModelScoring;
import com.vpbank.creditscore.scoring.NewCustomerPrediction;
import com.vpbank.creditscore.scoring.PredictRequest;
import com.vpbank.creditscore.scoring.Prediction;
import com.vpbank.creditscore.scoring.Reason;
import com.vpbank.creditscore.scoring.ReasonCodes;
import com.vpbank.creditscore.scoring.ScoreAggregation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Scores a stored decision again: the inputs of its history record, with the model
 * versions it names, read back from the model archive (not the versions loaded now), through
 * the same scoring, aggregation and reason codes as the predict route. Both the stored
 * decision and the replayed one are given in the predict answer's shape, with the fields in
 * which they differ.
 */
public final class DecisionReplay {

    /** A replay is not held to the live time budget of a model: it answers no customer. */
    private static final Duration BUDGET = Duration.ofMinutes(1);

    /** The stored decision, the replayed one, and the JSON paths where they differ. */
    public record Replay(Prediction original, Prediction replayed, List<String> differences) {
    }

    private final PredictionRecords records;
    private final ArchivedModels archived;
    private final ObjectMapper mapper;
    private final ModelScoring scoring = new ModelScoring(BUDGET, ServiceMetrics.none());
    private final ReasonCodes reasonCodes = new ReasonCodes(BUDGET, ServiceMetrics.none());

    public DecisionReplay(PredictionRecords records, ArchivedModels archived, ObjectMapper mapper) {
        this.records = records;
        this.archived = archived;
        this.mapper = mapper;
    }

    /**
     * The replay of the customer's prediction; empty when there is none with that id;
     * {@link ModelVersionNotArchivedException} when a version it names is not archived.
     */
    public Optional<Replay> replay(String customerId, String predictionId) {
        return records.find(customerId, predictionId).map(this::replay);
    }

    Replay replay(Map<String, AttributeValue> item) {
        Prediction original = original(item);
        Map<String, float[]> features = new LinkedHashMap<>();
        item.get("features").m().forEach((group, values) -> features.put(group, vector(values)));
        Map<String, String> versions = new LinkedHashMap<>();
        for (ModelResult result : original.rawPredictions()) {
            if (result.succeeded()) {
                versions.put(result.model(), result.version());
            }
        }
        Prediction replayed = archived.with(versions, bundle -> {
            PredictRequest request = new PredictRequest(original.customerId(), features, bundle);
            Prediction scored = score(original, request);
            return original.reasons() == null ? scored : reasonCodes.explain(scored, request);
        });
        return new Replay(original, replayed, differences(mapper.valueToTree(original), mapper.valueToTree(replayed)));
    }

    private Prediction score(Prediction original, PredictRequest request) {
        if (original instanceof NewCustomerPrediction stored) {
            ModelResult result = scoring.scoreRequired(request, stored.model());
            return new NewCustomerPrediction(stored.customerId(), result.score(), result.scoreScaled(), result.model(),
                    result.version(), CreditGroup.of(result.score()).label(), stored.predictionId(),
                    stored.timestamp(), null);
        }
        List<ModelResult> results = new ArrayList<>();
        for (ModelResult stored : original.rawPredictions()) {
            results.add(stored.succeeded() ? scoring.scoreOptional(request, stored.model())
                    : ModelResult.failed(stored.model(), stored.error()));
        }
        AggregatedScore aggregated = ScoreAggregation.aggregate(results);
        return new ExistingCustomerPrediction(original.customerId(), aggregated.score(), aggregated.models(),
                aggregated.modelsUsed(), CreditGroup.of(aggregated.score()).label(), original.predictionId(),
                original.timestamp(), null);
    }

    /** The stored decision in the predict answer's shape. */
    static Prediction original(Map<String, AttributeValue> item) {
        String customerId = item.get("customer_id").s();
        String predictionId = item.get("prediction_id").s();
        String timestamp = item.get("prediction_timestamp").s();
        double creditScore = Double.parseDouble(item.get("credit_score").n());
        List<ModelResult> models = item.get("raw_predictions").l().stream()
                .map(entry -> modelResult(entry.m())).toList();
        AttributeValue storedReasons = item.get("reasons");
        List<Reason> reasons = storedReasons == null || storedReasons.l() == null || storedReasons.nul() != null
                ? null : storedReasons.l().stream().map(reason -> reason(reason.m())).toList();
        String group = CreditGroup.of(creditScore).label();
        if ("new".equals(item.get("customer_type").s())) {
            ModelResult model = models.get(0);
            return new NewCustomerPrediction(customerId, model.score(), model.scoreScaled(), model.model(),
                    model.version(), group, predictionId, timestamp, reasons);
        }
        int used = (int) models.stream().filter(ModelResult::succeeded).count();
        return new ExistingCustomerPrediction(customerId, creditScore, models, used, group, predictionId, timestamp,
                reasons);
    }

    private static ModelResult modelResult(Map<String, AttributeValue> entry) {
        return new ModelResult(entry.get("model").s(), number(entry.get("score")), number(entry.get("score_scaled")),
                text(entry.get("version")), text(entry.get("error")), text(entry.get("reasons_unavailable")), null);
    }

    private static Reason reason(Map<String, AttributeValue> entry) {
        return new Reason(entry.get("code").s(), entry.get("feature").s(), entry.get("model").s(),
                Double.parseDouble(entry.get("impact").n()), text(entry.get("description")));
    }

    private static Double number(AttributeValue value) {
        return value == null || value.n() == null ? null : Double.valueOf(value.n());
    }

    private static String text(AttributeValue value) {
        return value == null ? null : value.s();
    }

    private static float[] vector(AttributeValue values) {
        List<AttributeValue> numbers = values.l();
        float[] vector = new float[numbers.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = Float.parseFloat(numbers.get(i).n());
        }
        return vector;
    }

    /** The JSON paths at which two answers differ, in document order. */
    static List<String> differences(JsonNode original, JsonNode replayed) {
        List<String> paths = new ArrayList<>();
        compare("", original, replayed, paths);
        return paths;
    }

    private static void compare(String path, JsonNode a, JsonNode b, List<String> paths) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            List<String> names = new ArrayList<>();
            a.fieldNames().forEachRemaining(names::add);
            for (Iterator<String> more = b.fieldNames(); more.hasNext(); ) {
                String name = more.next();
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
            for (String name : names) {
                compare(path + "/" + name, a.get(name), b.get(name), paths);
            }
        } else if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                compare(path + "/" + i, a.get(i), b.get(i), paths);
            }
        } else if (a == null || !a.equals(b)) {
            paths.add(path.isEmpty() ? "/" : path);
        }
    }
}

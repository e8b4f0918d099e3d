package com.vpbank.creditscore.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.input.InvalidRequestException;
import com.vpbank.creditscore.input.JsonObjects;
import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelPrediction;
import com.vpbank.creditscore.model.ModelsUnavailableException;
import com.vpbank.creditscore.observe.ServiceMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores many predict requests at once with the same numbers as the predict route gives each
 * alone: the same validation ({@link PredictRequestReader}, the same 400 messages), existing
 * customers by the mean of their models ({@link ScoreAggregation}), new customers by the new
 * customers' model, the credit group of {@link CreditGroup}, and reasons picked as
 * {@link ReasonCodes} picks them. Each model runs once for all the rows it scores
 * ({@link Model#predict(float[][])}), and once more for their reasons
 * ({@link Model#impacts(float[][])}).
 *
 * <p>As online, a model of an existing customer that fails leaves a failed entry and the
 * others count; a row none of whose models scored, or a new customer whose model failed,
 * fails the batch with {@link ModelsUnavailableException}. A batch has no per-request time
 * budget.
 */
public final class BatchScoring {

    private static final Logger LOG = LoggerFactory.getLogger(BatchScoring.class);

    /** The error of a line that was too long to be read (its text is {@code null}). */
    public static final String LINE_TOO_LONG = "The line is over the size limit of a request body.";

    private final ObjectMapper mapper;
    private final PredictRequestReader reader;
    private final ServiceMetrics metrics;
    private final LongSupplier nanoClock;

    public BatchScoring(ObjectMapper mapper, PredictRequestReader reader, ServiceMetrics metrics) {
        this.mapper = mapper;
        this.reader = reader;
        this.metrics = metrics;
        this.nanoClock = System::nanoTime;
    }

    /** Reads each line as a predict request body against {@code models}; a line the API would refuse is rejected. */
    public ReadBatch read(List<BatchLine> lines, ModelBundle models) {
        List<ReadBatch.ReadLine> requests = new ArrayList<>(lines.size());
        List<RejectedRow> rejected = new ArrayList<>();
        for (BatchLine line : lines) {
            if (line.text() == null) {
                rejected.add(new RejectedRow(line.row(), LINE_TOO_LONG, null));
                continue;
            }
            try {
                requests.add(new ReadBatch.ReadLine(line.row(),
                        reader.parse(JsonObjects.read(mapper, line.text()), models)));
            } catch (InvalidRequestException e) {
                rejected.add(new RejectedRow(line.row(), e.getMessage(), e.details()));
            }
        }
        return new ReadBatch(requests, rejected);
    }

    /**
     * Scores the valid lines of {@code batch}: the customers in {@code existing} by the models
     * {@code existingModels} names (comma-separated), the others by {@code newModel}.
     */
    public BatchScores score(ReadBatch batch, Set<String> existing, String existingModels, String newModel) {
        List<String> existingNames = Arrays.stream(existingModels.split(",")).map(String::trim).toList();
        List<RejectedRow> rejected = new ArrayList<>(batch.rejected());
        List<ReadBatch.ReadLine> existingLines = new ArrayList<>();
        List<ReadBatch.ReadLine> newLines = new ArrayList<>();
        for (ReadBatch.ReadLine line : batch.requests()) {
            boolean isExisting = existing.contains(line.request().customerId());
            try {
                reader.requireAnyGroup(line.request(), isExisting ? existingModels : newModel);
                (isExisting ? existingLines : newLines).add(line);
            } catch (InvalidRequestException e) {
                rejected.add(new RejectedRow(line.row(), e.getMessage(), e.details()));
            }
        }
        List<ScoredRow> scored = new ArrayList<>(batch.requests().size());
        scored.addAll(scoreExisting(existingLines, existingNames));
        scored.addAll(scoreNew(newLines, newModel));
        scored.sort(Comparator.comparingLong(ScoredRow::row));
        rejected.sort(Comparator.comparingLong(RejectedRow::row));
        return new BatchScores(scored, rejected);
    }

    private List<ScoredRow> scoreExisting(List<ReadBatch.ReadLine> lines, List<String> modelNames) {
        if (lines.isEmpty()) {
            return List.of();
        }
        // Each model's results for the lines that carry its group, by position in lines.
        List<Map<Integer, ModelResult>> resultsByModel = new ArrayList<>();
        for (String name : modelNames) {
            resultsByModel.add(scoreModel(lines, name));
        }
        List<ScoredRow> scored = new ArrayList<>(lines.size());
        List<List<ModelResult>> entries = new ArrayList<>(lines.size());
        List<AggregatedScore> aggregates = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            List<ModelResult> results = new ArrayList<>();
            for (Map<Integer, ModelResult> byLine : resultsByModel) {
                ModelResult result = byLine.get(i);
                if (result != null) {
                    results.add(result);
                }
            }
            aggregates.add(ScoreAggregation.aggregate(results));
            entries.add(new ArrayList<>(results));
        }
        // Reasons: each model's impacts on the lines it scored, divided by the number of models that scored the line.
        List<List<Reason>> candidates = new ArrayList<>(lines.size());
        lines.forEach(line -> candidates.add(new ArrayList<>()));
        for (String name : modelNames) {
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (entryOf(entries.get(i), name) >= 0 && entries.get(i).get(entryOf(entries.get(i), name)).succeeded()) {
                    positions.add(i);
                }
            }
            if (positions.isEmpty()) {
                continue;
            }
            Model model = lines.get(positions.get(0)).request().models().model(name);
            double[][] impacts;
            try {
                impacts = impacts(model, rowsOf(lines, positions, name));
            } catch (RuntimeException e) {
                LOG.warn("Reason codes of model {} failed for a batch: {}", name, e.getClass().getSimpleName());
                for (int i : positions) {
                    replace(entries.get(i), name, "The model failed to compute its reason codes.");
                }
                continue;
            }
            if (impacts == null) {
                for (int i : positions) {
                    replace(entries.get(i), name, ReasonCodes.NO_BASELINE);
                }
                continue;
            }
            for (int p = 0; p < positions.size(); p++) {
                int i = positions.get(p);
                addCandidates(candidates.get(i), model, name, impacts[p], aggregates.get(i).modelsUsed());
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            AggregatedScore aggregate = aggregates.get(i);
            ReadBatch.ReadLine line = lines.get(i);
            scored.add(new ScoredRow(line.row(), line.request().customerId(), "existing", aggregate.score(),
                    CreditGroup.of(aggregate.score()).label(), List.copyOf(entries.get(i)),
                    ReasonCodes.mostHarmful(candidates.get(i))));
        }
        return scored;
    }

    private List<ScoredRow> scoreNew(List<ReadBatch.ReadLine> lines, String name) {
        if (lines.isEmpty()) {
            return List.of();
        }
        List<Integer> positions = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            positions.add(i);
        }
        Model model = lines.get(0).request().models().model(name);
        float[][] rows = rowsOf(lines, positions, name);
        ModelPrediction[] predictions;
        double[][] impacts;
        try {
            predictions = predict(model, rows);
            impacts = impacts(model, rows);
        } catch (RuntimeException e) {
            LOG.warn("Model {} failed for a batch: {}", name, e.getClass().getSimpleName());
            throw new ModelsUnavailableException("Model " + name + " is unavailable.");
        }
        List<ScoredRow> scored = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            List<Reason> candidates = new ArrayList<>();
            if (impacts != null) {
                addCandidates(candidates, model, name, impacts[i], 1);
            }
            ModelResult result = ModelResult.scored(name, predictions[i].score(), predictions[i].scoreScaled(),
                    model.config().version());
            scored.add(new ScoredRow(lines.get(i).row(), lines.get(i).request().customerId(), "new",
                    result.score(), CreditGroup.of(result.score()).label(), List.of(result),
                    ReasonCodes.mostHarmful(candidates)));
        }
        return scored;
    }

    /** One call of the model for every line that carries its group: by position in lines, its result. */
    private Map<Integer, ModelResult> scoreModel(List<ReadBatch.ReadLine> lines, String name) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).request().has(name)) {
                positions.add(i);
            }
        }
        Map<Integer, ModelResult> results = new HashMap<>();
        if (positions.isEmpty()) {
            return results;
        }
        Model model = lines.get(positions.get(0)).request().models().model(name);
        try {
            ModelPrediction[] predictions = predict(model, rowsOf(lines, positions, name));
            for (int p = 0; p < positions.size(); p++) {
                results.put(positions.get(p), ModelResult.scored(name, predictions[p].score(),
                        predictions[p].scoreScaled(), model.config().version()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Model {} failed for a batch: {}", name, e.getClass().getSimpleName());
            positions.forEach(p -> results.put(p, ModelResult.failed(name, "Model " + name + " failed to score.")));
        }
        return results;
    }

    private ModelPrediction[] predict(Model model, float[][] rows) {
        long start = nanoClock.getAsLong();
        try {
            ModelPrediction[] predictions = model.predict(rows);
            metrics.modelInference(model.name(), BATCH_SCORE_CALL, "success", nanoClock.getAsLong() - start);
            return predictions;
        } catch (RuntimeException e) {
            metrics.modelInference(model.name(), BATCH_SCORE_CALL, "error", nanoClock.getAsLong() - start);
            throw e;
        }
    }

    private double[][] impacts(Model model, float[][] rows) {
        long start = nanoClock.getAsLong();
        try {
            double[][] impacts = model.impacts(rows);
            metrics.modelInference(model.name(), BATCH_REASONS_CALL, "success", nanoClock.getAsLong() - start);
            return impacts;
        } catch (RuntimeException e) {
            metrics.modelInference(model.name(), BATCH_REASONS_CALL, "error", nanoClock.getAsLong() - start);
            throw e;
        }
    }

    /** The model call of a batch on the model meters: scores. */
    public static final String BATCH_SCORE_CALL = "batch_score";

    /** The model call of a batch on the model meters: reasons. */
    public static final String BATCH_REASONS_CALL = "batch_reasons";

    private static float[][] rowsOf(List<ReadBatch.ReadLine> lines, List<Integer> positions, String group) {
        float[][] rows = new float[positions.size()][];
        for (int p = 0; p < rows.length; p++) {
            rows[p] = lines.get(positions.get(p)).request().features(group);
        }
        return rows;
    }

    private static void addCandidates(List<Reason> candidates, Model model, String name, double[] impacts, int divisor) {
        for (int f = 0; f < impacts.length; f++) {
            double impact = impacts[f] / divisor;
            if (impact < 0) {
                var code = model.config().reasonCode(f);
                candidates.add(new Reason(code.code(), model.config().featureName(f), name, impact, code.description()));
            }
        }
    }

    private static int entryOf(List<ModelResult> entries, String name) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).model().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static void replace(List<ModelResult> entries, String name, String reasonsUnavailable) {
        int i = entryOf(entries, name);
        entries.set(i, entries.get(i).withReasonsUnavailable(reasonsUnavailable));
    }
}

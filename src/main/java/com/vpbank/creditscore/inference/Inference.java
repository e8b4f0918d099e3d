package com.vpbank.creditscore.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.input.InvalidRequestException;
import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelPrediction;
import com.vpbank.creditscore.route.RouteProperties;
import com.vpbank.creditscore.scoring.Reason;
import com.vpbank.creditscore.scoring.ReasonCodes;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ExchangeProperty;

/**
 * Scores an inference request's rows with its model, in one model call for all of them
 * ({@link Model#predict(float[][])}, as the portfolio and predict paths score), and answers the
 * outputs asked for. The reasons of a row are those the predict answer gives a new customer
 * scored by that one model: its features that lowered the score most, at most four. Nothing
 * is stored.
 */
public final class Inference {

    private final ObjectMapper mapper;
    private final InferenceMetrics metrics;

    public Inference(ObjectMapper mapper, InferenceMetrics metrics) {
        this.mapper = mapper;
        this.metrics = metrics;
    }

    public InferenceAnswer infer(@ExchangeProperty(RouteProperties.INFERENCE_MODEL) ServedModel served,
                                 @ExchangeProperty(RouteProperties.INFERENCE_INPUT) InferenceInput input) {
        Model model = served.model();
        float[][] rows = input.rows();
        long start = System.nanoTime();
        ModelPrediction[] predictions = model.predict(rows);
        List<InferenceAnswer.Tensor> outputs = new ArrayList<>(input.outputs().size());
        for (String output : input.outputs()) {
            outputs.add(switch (output) {
                case InferenceOutputs.SCORE -> column(output, predictions, true);
                case InferenceOutputs.SCORE_SCALED -> column(output, predictions, false);
                default -> reasons(model, rows);
            });
        }
        metrics.rows(served, rows.length, System.nanoTime() - start);
        return new InferenceAnswer(served.name(), served.version(), input.id(), outputs);
    }

    private static InferenceAnswer.Tensor column(String name, ModelPrediction[] predictions, boolean score) {
        List<Double> data = new ArrayList<>(predictions.length);
        for (ModelPrediction prediction : predictions) {
            data.add(score ? prediction.score() : prediction.scoreScaled());
        }
        return new InferenceAnswer.Tensor(name, "FP64", List.of((long) predictions.length, 1L), data);
    }

    private InferenceAnswer.Tensor reasons(Model model, float[][] rows) {
        List<String> data = new ArrayList<>(rows.length);
        for (float[] row : rows) {
            double[] impacts = model.impacts(row);
            if (impacts == null) {
                throw new InvalidRequestException("Model '" + model.name() + "' gives no reasons: its bundle gives"
                        + " no baseline to measure its features against.");
            }
            List<Reason> reasons = ReasonCodes.ofOneModel(model, impacts);
            try {
                data.add(mapper.writeValueAsString(reasons));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Reasons not written", e);
            }
        }
        return new InferenceAnswer.Tensor(InferenceOutputs.REASONS, "BYTES", List.of((long) rows.length, 1L), data);
    }
}

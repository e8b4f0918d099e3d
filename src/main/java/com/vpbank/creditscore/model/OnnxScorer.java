package com.vpbank.creditscore.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * An ONNX model run by ONNX Runtime: one session, shared by every request thread
 * ({@code OrtSession.run} is thread-safe). The input's name is read from the model.
 */
public final class OnnxScorer implements Scorer {

    private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

    private final OrtSession session;
    private final String inputName;

    private OnnxScorer(OrtSession session, String inputName) {
        this.session = session;
        this.inputName = inputName;
    }

    /**
     * Opens the model with explicit threading: {@code intraOpThreads} per call, no
     * inter-op parallelism and no spinning, so that calls from many request threads share
     * the cores instead of fighting over them.
     */
    public static OnnxScorer open(Path modelFile, int intraOpThreads) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session = ENVIRONMENT.createSession(modelFile.toString(), options);
            String inputName = session.getInputNames().iterator().next();
            return new OnnxScorer(session, inputName);
        } catch (OrtException e) {
            throw new ModelBundleException(modelFile + ": ONNX Runtime cannot open the model (" + e.getMessage() + ")", e);
        }
    }

    /** The model's input width, or -1 when the model leaves it open. */
    public long inputWidth() {
        try {
            NodeInfo input = session.getInputInfo().get(inputName);
            long[] shape = ((TensorInfo) input.getInfo()).getShape();
            return shape.length == 2 ? shape[1] : -1;
        } catch (OrtException | ClassCastException e) {
            return -1;
        }
    }

    @Override
    public float scoreScaled(float[] features) {
        return scoreRows(features, 1)[0];
    }

    @Override
    public float[] scoreScaled(float[][] rows) {
        if (rows.length == 0) {
            return new float[0];
        }
        return scoreRows(flat(rows), rows.length);
    }

    /** The rows laid out one after another, as a {@code [rows, width]} tensor takes them. */
    static float[] flat(float[][] rows) {
        int width = rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException("Row " + i + " has " + rows[i].length + " values, not " + width);
            }
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return flat;
    }

    /**
     * The change in the scaled output when each feature in turn is set to its baseline
     * value: the row itself and one row per feature go to ONNX Runtime as one batch of
     * {@code input_size + 1} rows, and feature i's attribution is the row's output minus
     * that of row i + 1. Without a baseline there is no reference to measure against:
     * {@code null}.
     */
    @Override
    public float[] attributions(float[] features, float[] baseline) {
        return baseline == null ? null : substitutionBatch(features, baseline).attributions();
    }

    /**
     * The row's scaled output is the first row of the same batch: one ONNX Runtime call for
     * the score and its attributions.
     */
    @Override
    public ScoredRow scoreWithAttributions(float[] features, float[] baseline) {
        return baseline == null ? new ScoredRow(scoreScaled(features), null) : substitutionBatch(features, baseline);
    }

    private ScoredRow substitutionBatch(float[] features, float[] baseline) {
        int width = features.length;
        float[] rows = new float[(width + 1) * width];
        for (int row = 0; row <= width; row++) {
            System.arraycopy(features, 0, rows, row * width, width);
            if (row > 0) {
                rows[row * width + row - 1] = baseline[row - 1];
            }
        }
        float[] outputs = scoreRows(rows, width + 1);
        float[] attributions = new float[width];
        for (int i = 0; i < width; i++) {
            attributions[i] = outputs[0] - outputs[i + 1];
        }
        return new ScoredRow(outputs[0], attributions);
    }

    /**
     * The attributions of many rows in one ONNX Runtime call: each row and its
     * {@code input_size} substituted rows, for every row, as one batch.
     */
    @Override
    public float[][] attributions(float[][] rows, float[] baseline) {
        if (baseline == null) {
            return null;
        }
        if (rows.length == 0) {
            return new float[0][];
        }
        int width = rows[0].length;
        int perRow = width + 1;
        float[] all = new float[rows.length * perRow * width];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != width) {
                throw new IllegalArgumentException("Row " + r + " has " + rows[r].length + " values, not " + width);
            }
            int first = r * perRow;
            for (int row = 0; row <= width; row++) {
                System.arraycopy(rows[r], 0, all, (first + row) * width, width);
                if (row > 0) {
                    all[(first + row) * width + row - 1] = baseline[row - 1];
                }
            }
        }
        float[] outputs = scoreRows(all, rows.length * perRow);
        float[][] attributions = new float[rows.length][width];
        for (int r = 0; r < rows.length; r++) {
            int first = r * perRow;
            for (int i = 0; i < width; i++) {
                attributions[r][i] = outputs[first] - outputs[first + i + 1];
            }
        }
        return attributions;
    }

    /** The first output for each of {@code count} rows laid out one after another in {@code rows}. */
    private float[] scoreRows(float[] rows, int count) {
        try (OnnxTensor input = OnnxTensor.createTensor(ENVIRONMENT, FloatBuffer.wrap(rows),
                new long[] {count, rows.length / count});
             OrtSession.Result result = session.run(Map.of(inputName, input))) {
            OnnxValue output = result.get(0);
            Object value = output.getValue();
            float[] scores = new float[count];
            if (value instanceof float[][] matrix) {
                for (int i = 0; i < count; i++) {
                    scores[i] = matrix[i][0];
                }
                return scores;
            }
            if (value instanceof float[] vector) {
                System.arraycopy(vector, 0, scores, 0, count);
                return scores;
            }
            throw new IllegalStateException("Unexpected ONNX output type " + value.getClass().getSimpleName());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}

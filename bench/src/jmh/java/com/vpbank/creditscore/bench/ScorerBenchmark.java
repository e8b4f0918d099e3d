package com.vpbank.creditscore.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelPrediction;
import com.vpbank.creditscore.model.OnnxScorer;
import com.vpbank.creditscore.model.XGBoostScorer;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-row latency of each model of a bundle, through the service's classes
 * ({@link Model#predict}, which calls {@link OnnxScorer} or {@link XGBoostScorer}), and
 * of the very same ONNX Runtime session or XGBoost booster called directly, so that
 * {@code *Model / *Raw} is the overhead of the wrapper.
 *
 * <p>{@code *Raw} is the least a caller with a fresh row must do: wrap the row in a
 * tensor, run, read the first output. {@code *RawReusedInput} also keeps one direct
 * input tensor for every call (the floor of a call that copies no input).
 *
 * <p>{@code *Impacts} is what reason codes ask of the model for one row
 * ({@link Model#impacts}): one batched ONNX Runtime call of {@code input_size + 1} rows for
 * the ONNX models, TreeSHAP ({@code predictContrib} on a one-row DMatrix) for XGBoost;
 * {@code *Impacts / *Model} is its cost in scoring calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScorerBenchmark {

    /** The bundle folder, relative to the working directory (the repository root). */
    @Param({"models"})
    public String modelsDir;

    /** ONNX Runtime intra-op threads per call, as ONNX_INTRA_OP_THREADS sets for the service. */
    @Param({"1"})
    public int onnxIntraOpThreads;

    // Rows in each model's feature order (the README's examples).
    static final float[] TRADITIONAL_ROW = {0.5f, 0.8f, 0.3f, 0.7f, 0.9f, 0.2f, 1f, 0f};
    static final float[] SOCIAL_ROW = {0.6f, 0.7f, 0.5f, 0.4f, 0.3f};
    static final float[] XGBOOST_ROW = {0.5f, 0.8f, 0.3f, 1f, 0f, 1f, 1f, 0.6f, 0.3f, 0.2f};

    private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

    private ModelBundle bundle;
    private Model traditional;
    private Model social;
    private Model xgboost;
    private RawOnnx traditionalRaw;
    private RawOnnx socialRaw;
    private Booster booster;

    @Setup(Level.Trial)
    public void load() throws Exception {
        bundle = ModelBundle.load(Path.of(modelsDir), onnxIntraOpThreads);
        traditional = bundle.model("traditional");
        social = bundle.model("social");
        xgboost = bundle.model("xgboost");
        traditionalRaw = new RawOnnx((OnnxScorer) traditional.scorer(), TRADITIONAL_ROW.length);
        socialRaw = new RawOnnx((OnnxScorer) social.scorer(), SOCIAL_ROW.length);
        booster = field(xgboost.scorer(), "booster", Booster.class);
    }

    @TearDown(Level.Trial)
    public void close() {
        traditionalRaw.close();
        socialRaw.close();
        bundle.close();
    }

    @Benchmark
    public ModelPrediction traditionalModel() {
        return traditional.predict(TRADITIONAL_ROW);
    }

    @Benchmark
    public float traditionalRaw() throws OrtException {
        return traditionalRaw.run(TRADITIONAL_ROW);
    }

    @Benchmark
    public float traditionalRawReusedInput() throws OrtException {
        return traditionalRaw.runReused(TRADITIONAL_ROW);
    }

    @Benchmark
    public double[] traditionalImpacts() {
        return traditional.impacts(TRADITIONAL_ROW);
    }

    @Benchmark
    public ModelPrediction socialModel() {
        return social.predict(SOCIAL_ROW);
    }

    @Benchmark
    public float socialRaw() throws OrtException {
        return socialRaw.run(SOCIAL_ROW);
    }

    @Benchmark
    public float socialRawReusedInput() throws OrtException {
        return socialRaw.runReused(SOCIAL_ROW);
    }

    @Benchmark
    public double[] socialImpacts() {
        return social.impacts(SOCIAL_ROW);
    }

    @Benchmark
    public ModelPrediction xgboostModel() {
        return xgboost.predict(XGBOOST_ROW);
    }

    @Benchmark
    public float xgboostRaw() throws XGBoostError {
        return booster.inplace_predict(XGBOOST_ROW, 1, XGBOOST_ROW.length, Float.NaN)[0][0];
    }

    @Benchmark
    public double[] xgboostImpacts() {
        return xgboost.impacts(XGBOOST_ROW);
    }

    /** The session inside an {@link OnnxScorer}, called without it. */
    static final class RawOnnx implements AutoCloseable {
        private final OrtSession session;
        private final String inputName;
        private final long[] shape;
        private final FloatBuffer reusedBuffer;
        private final OnnxTensor reusedTensor;
        private final Map<String, OnnxTensor> reusedInputs;

        RawOnnx(OnnxScorer scorer, int width) throws Exception {
            this.session = field(scorer, "session", OrtSession.class);
            this.inputName = field(scorer, "inputName", String.class);
            this.shape = new long[] {1, width};
            this.reusedBuffer = ByteBuffer.allocateDirect(width * Float.BYTES).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
            this.reusedTensor = OnnxTensor.createTensor(ENVIRONMENT, reusedBuffer, shape);
            this.reusedInputs = Map.of(inputName, reusedTensor);
        }

        float run(float[] row) throws OrtException {
            try (OnnxTensor input = OnnxTensor.createTensor(ENVIRONMENT, FloatBuffer.wrap(row), shape);
                 OrtSession.Result result = session.run(Map.of(inputName, input))) {
                return ((OnnxTensor) result.get(0)).getFloatBuffer().get(0);
            }
        }

        /** Writes the row into the one direct buffer the input tensor views (no copy by ONNX Runtime). */
        float runReused(float[] row) throws OrtException {
            reusedBuffer.put(0, row);
            try (OrtSession.Result result = session.run(reusedInputs)) {
                return ((OnnxTensor) result.get(0)).getFloatBuffer().get(0);
            }
        }

        @Override
        public void close() {
            reusedTensor.close();
        }
    }

    static <T> T field(Object owner, String name, Class<T> type) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return type.cast(field.get(owner));
    }
}

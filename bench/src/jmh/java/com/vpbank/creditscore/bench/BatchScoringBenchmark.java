package com.vpbank.creditscore.bench;

import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelPrediction;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * One model call for many rows ({@link Model#predict(float[][])}): the time of one call for
 * {@code rows} rows; divided by {@code rows}, the cost per row that batch scoring (the
 * portfolio runs, the Open Inference Protocol, reasons and score in one call) can reach,
 * against {@code rows = 1}, the online path's single-row call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BatchScoringBenchmark {

    @Param({"models"})
    public String modelsDir;

    @Param({"traditional", "social", "xgboost"})
    public String model;

    @Param({"1", "4", "9", "64", "300"})
    public int rows;

    private ModelBundle bundle;
    private Model scored;
    private float[][] batch;

    @Setup(Level.Trial)
    public void setUp() {
        bundle = ModelBundle.load(Path.of(modelsDir), 1);
        scored = bundle.model(model);
        Random random = new Random(5);
        batch = new float[rows][scored.config().inputSize()];
        for (float[] row : batch) {
            for (int f = 0; f < row.length; f++) {
                row[f] = random.nextFloat();
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bundle.close();
    }

    @Benchmark
    public ModelPrediction[] predictBatch() {
        return scored.predict(batch);
    }
}

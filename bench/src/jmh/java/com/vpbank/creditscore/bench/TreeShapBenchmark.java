package com.vpbank.creditscore.bench;

import com.vpbank.creditscore.model.XGBoostScorer;
import com.vpbank.creditscore.model.XGBoostTreeShap;
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
 * The TreeSHAP values of one row of the xgboost model, one row per call as the online
 * path's reason codes ask for them: XGBoost4J's {@code predictContrib} (a one-row DMatrix,
 * the booster's lock) against {@link XGBoostTreeShap} in the JVM (its leaf tables, its path
 * algorithm, and through the scorer). Each call takes the next
 * of 1,024 random rows, so that no single path through the trees is learnt by the CPU.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TreeShapBenchmark {

    private static final int ROWS = 1024;

    @Param({"models"})
    public String modelsDir;

    private XGBoostScorer scorer;
    private XGBoostTreeShap treeShap;
    private float[][] rows;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Path modelFile = Path.of(modelsDir, "xgboost", "model.json");
        scorer = XGBoostScorer.open(modelFile);
        treeShap = XGBoostTreeShap.read(modelFile);
        Random random = new Random(5);
        rows = new float[ROWS][treeShap.featureCount()];
        for (float[] row : rows) {
            for (int f = 0; f < row.length; f++) {
                row[f] = random.nextFloat();
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scorer.close();
    }

    private float[] nextRow() {
        next = (next + 1) & (ROWS - 1);
        return rows[next];
    }

    @Benchmark
    public float[] predictContrib() {
        return scorer.predictContrib(nextRow());
    }

    /** What {@code XGBoostScorer.contributions} runs for this model: the leaf tables. */
    @Benchmark
    public float[] leafTables() {
        return treeShap.contributions(nextRow());
    }

    /** The path algorithm in the JVM, XGBoost's arithmetic step for step. */
    @Benchmark
    public float[] pathAlgorithm() {
        return treeShap.pathContributions(nextRow());
    }

    @Benchmark
    public float[] scorerContributions() {
        return scorer.contributions(nextRow());
    }
}

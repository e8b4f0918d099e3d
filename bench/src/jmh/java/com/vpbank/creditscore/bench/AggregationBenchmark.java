package com.vpbank.creditscore.bench;

import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.scoring.AggregatedScore;
import com.vpbank.creditscore.scoring.ModelResult;
import com.vpbank.creditscore.scoring.ModelScoring;
import com.vpbank.creditscore.scoring.PredictRequest;
import com.vpbank.creditscore.scoring.ScoreAggregation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * The existing-customer score: the traditional and social models through
 * {@link ModelScoring}, then their mean through {@link ScoreAggregation}, either one after
 * the other on the caller's thread, or in parallel on a 2-thread executor (as the route's
 * multicast does on its model pool), or with one of the two handed off and the other run
 * by the caller.
 *
 * <p>Run with {@code -t 1} this is the latency of one request on an idle machine; with
 * {@code -t 2} (as many callers as cores) it shows what parallelism within a request
 * costs when the cores are busy anyway.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AggregationBenchmark {

    @Param({"models"})
    public String modelsDir;

    @Param({"1"})
    public int onnxIntraOpThreads;

    private ModelBundle bundle;
    private ModelScoring scoring;
    private PredictRequest request;
    private ExecutorService pool;

    @Setup(Level.Trial)
    public void load() {
        bundle = ModelBundle.load(Path.of(modelsDir), onnxIntraOpThreads);
        scoring = new ModelScoring(Duration.ofSeconds(1));
        request = new PredictRequest("CUS123456",
                Map.of("traditional", ScorerBenchmark.TRADITIONAL_ROW, "social", ScorerBenchmark.SOCIAL_ROW),
                bundle);
        pool = Executors.newFixedThreadPool(2);
    }

    @TearDown(Level.Trial)
    public void close() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        bundle.close();
    }

    @Benchmark
    public AggregatedScore sequential() {
        ModelResult traditional = scoring.scoreOptional(request, "traditional");
        ModelResult social = scoring.scoreOptional(request, "social");
        return ScoreAggregation.aggregate(List.of(traditional, social));
    }

    @Benchmark
    public AggregatedScore parallel() throws InterruptedException, ExecutionException {
        Future<ModelResult> traditional = pool.submit(() -> scoring.scoreOptional(request, "traditional"));
        Future<ModelResult> social = pool.submit(() -> scoring.scoreOptional(request, "social"));
        return ScoreAggregation.aggregate(List.of(traditional.get(), social.get()));
    }

    @Benchmark
    public AggregatedScore parallelOneHandedOff() throws InterruptedException, ExecutionException {
        Future<ModelResult> social = pool.submit(() -> scoring.scoreOptional(request, "social"));
        ModelResult traditional = scoring.scoreOptional(request, "traditional");
        return ScoreAggregation.aggregate(List.of(traditional, social.get()));
    }
}

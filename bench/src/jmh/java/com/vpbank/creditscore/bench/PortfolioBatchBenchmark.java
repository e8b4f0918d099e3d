package com.vpbank.creditscore.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.CreditScoreConfiguration;
import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.observe.ServiceMetrics;
import com.vpbank.creditscore.scoring.BatchLine;
import com.vpbank.creditscore.scoring.BatchScores;
import com.vpbank.creditscore.scoring.BatchScoring;
import com.vpbank.creditscore.scoring.PredictRequestReader;
import com.vpbank.creditscore.scoring.ReadBatch;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * A portfolio batch of {@code rows} lines (a third existing customers with the traditional
 * group, half of them with social too; the others new customers with xgboost): the time of
 * {@code batchScoring}, the whole scoring of the batch as a run does it (JSON lines read and
 * validated, the models and their reasons in one call per model, aggregation, reasons picked),
 * against {@code modelsAlone}, the same batched model calls (scores and reasons) on vectors
 * ready beforehand; and {@code onlineModelCalls}, the models' calls of the predict route for
 * the same rows, one row at a time. Divide by {@code rows} for the time per row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PortfolioBatchBenchmark {

    @Param({"models"})
    public String modelsDir;

    @Param({"500"})
    public int rows;

    private ModelRegistry registry;
    private ModelBundle bundle;
    private BatchScoring scoring;
    private List<BatchLine> lines;
    private Set<String> existing;
    private float[][] traditional;
    private float[][] social;
    private float[][] xgboost;

    @Setup(Level.Trial)
    public void setUp() {
        registry = new ModelRegistry(1, Clock.systemUTC());
        registry.install(Path.of(modelsDir));
        bundle = registry.current().orElseThrow().bundle();
        ObjectMapper mapper = CreditScoreConfiguration.objectMapper();
        scoring = new BatchScoring(mapper, new PredictRequestReader(mapper, registry), ServiceMetrics.none());
        Random random = new Random(3);
        lines = new ArrayList<>();
        existing = new HashSet<>();
        List<float[]> t = new ArrayList<>();
        List<float[]> s = new ArrayList<>();
        List<float[]> x = new ArrayList<>();
        for (int row = 1; row <= rows; row++) {
            String id = "CUS-" + row;
            StringBuilder line = new StringBuilder("{\"customer_id\": \"" + id + "\", \"features\": {");
            if (row % 3 == 0) {
                existing.add(id);
                float[] vector = vector(random, 8);
                t.add(vector);
                line.append("\"traditional\": ").append(json(vector));
                if (row % 2 == 0) {
                    float[] socialVector = vector(random, 5);
                    s.add(socialVector);
                    line.append(", \"social\": ").append(json(socialVector));
                }
            } else {
                float[] vector = vector(random, 10);
                x.add(vector);
                line.append("\"xgboost\": ").append(json(vector));
            }
            lines.add(new BatchLine(row, line.append("}}").toString()));
        }
        traditional = t.toArray(new float[0][]);
        social = s.toArray(new float[0][]);
        xgboost = x.toArray(new float[0][]);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
    }

    @Benchmark
    public BatchScores batchScoring() {
        ReadBatch read = scoring.read(lines, bundle);
        return scoring.score(read, existing, "traditional,social", "xgboost");
    }

    @Benchmark
    public void modelsAlone(Blackhole sink) {
        for (String name : List.of("traditional", "social", "xgboost")) {
            Model model = bundle.model(name);
            float[][] batch = name.equals("traditional") ? traditional : name.equals("social") ? social : xgboost;
            sink.consume(model.predict(batch));
            sink.consume(model.impacts(batch));
        }
    }

    @Benchmark
    public void onlineModelCalls(Blackhole sink) {
        for (String name : List.of("traditional", "social", "xgboost")) {
            Model model = bundle.model(name);
            float[][] batch = name.equals("traditional") ? traditional : name.equals("social") ? social : xgboost;
            for (float[] row : batch) {
                sink.consume(model.predict(row));
                sink.consume(model.impacts(row));
            }
        }
    }

    /** One model's batched scores of its rows (for the breakdown of {@link PortfolioCpuPerRow}). */
    public Object predictOnly(String name) {
        return bundle.model(name).predict(rowsFor(name));
    }

    /** One model's batched reasons of its rows. */
    public Object impactsOnly(String name) {
        return bundle.model(name).impacts(rowsFor(name));
    }

    public int rowsOf(String name) {
        return rowsFor(name).length;
    }

    private float[][] rowsFor(String name) {
        return name.equals("traditional") ? traditional : name.equals("social") ? social : xgboost;
    }

    private static float[] vector(Random random, int width) {
        float[] vector = new float[width];
        for (int i = 0; i < width; i++) {
            vector[i] = Math.round(random.nextFloat() * 1000) / 1000f;
        }
        return vector;
    }

    private static String json(float[] vector) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < vector.length; i++) {
            json.append(i == 0 ? "" : ", ").append(vector[i]);
        }
        return json.append(']').toString();
    }
}

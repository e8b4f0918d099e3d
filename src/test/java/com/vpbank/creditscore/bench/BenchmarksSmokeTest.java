package com.vpbank.creditscore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Proves that the JMH benchmarks under bench/ still compile, are listed and run: one of
 * them, in this JVM, for one short iteration. Its figure means nothing; bench/jmh runs
 * them for real.
 */
class BenchmarksSmokeTest {

    @Test
    void aBenchmarkRunsAndGivesAFigure() throws Exception {
        // A benchmark run by hand on the same machine must not fail this test (JMH's lock file).
        System.setProperty("jmh.ignoreLock", "true");
        Options options = new OptionsBuilder()
                .include(ScorerBenchmark.class.getName() + ".xgboostModel$")
                .forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertEquals(1, results.size());
        double microseconds = results.iterator().next().getPrimaryResult().getScore();
        assertTrue(microseconds > 0 && Double.isFinite(microseconds), "score " + microseconds);
    }
}

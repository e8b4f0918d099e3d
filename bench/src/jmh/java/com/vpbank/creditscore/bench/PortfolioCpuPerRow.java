package com.vpbank.creditscore.bench;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The CPU time (of the whole process: every thread the model runtimes use, and the JVM's own)
 * per row of {@link PortfolioBatchBenchmark}'s three workloads, measured in turns so that a
 * busy machine slows each of them alike. CPU time, not elapsed time: on a shared machine the
 * elapsed time measures the other processes too.
 *
 * <p>{@code java -cp ... com.vpbank.creditscore.bench.PortfolioCpuPerRow [rounds]}
 */
public final class PortfolioCpuPerRow {

    private PortfolioCpuPerRow() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        PortfolioBatchBenchmark state = new PortfolioBatchBenchmark();
        state.modelsDir = "models";
        state.rows = 500;
        state.setUp();
        Blackhole sink = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] cpu = new long[3];
        for (int round = -5; round < rounds; round++) {
            for (int workload = 0; workload < 3; workload++) {
                long start = os.getProcessCpuTime();
                switch (workload) {
                    case 0 -> sink.consume(state.batchScoring());
                    case 1 -> state.modelsAlone(sink);
                    default -> state.onlineModelCalls(sink);
                }
                if (round >= 0) {
                    cpu[workload] += os.getProcessCpuTime() - start;
                }
            }
        }
        // Where the models' time goes: each model's scores and reasons for its rows of the batch.
        long[] parts = new long[6];
        String[] names = {"traditional", "social", "xgboost"};
        for (int round = -2; round < rounds; round++) {
            for (int m = 0; m < 3; m++) {
                long start = os.getProcessCpuTime();
                sink.consume(state.predictOnly(names[m]));
                long middle = os.getProcessCpuTime();
                sink.consume(state.impactsOnly(names[m]));
                if (round >= 0) {
                    parts[2 * m] += middle - start;
                    parts[2 * m + 1] += os.getProcessCpuTime() - middle;
                }
            }
        }
        state.tearDown();
        double rows = (double) rounds * state.rows;
        System.out.printf("CPU per row over %d rounds of %d rows (process CPU time, µs):%n", rounds, state.rows);
        System.out.printf("  batchScoring      %8.1f%n", cpu[0] / rows / 1000);
        System.out.printf("  modelsAlone       %8.1f%n", cpu[1] / rows / 1000);
        System.out.printf("  onlineModelCalls  %8.1f%n", cpu[2] / rows / 1000);
        System.out.printf("  batchScoring / modelsAlone = %.2f, onlineModelCalls / batchScoring = %.2f%n",
                (double) cpu[0] / cpu[1], (double) cpu[2] / cpu[0]);
        System.out.printf("Of modelsAlone, per row of the batch (µs): %n");
        for (int m = 0; m < 3; m++) {
            System.out.printf("  %-12s scores %7.1f  reasons %7.1f  (%d rows of %d)%n", names[m],
                    parts[2 * m] / rows / 1000, parts[2 * m + 1] / rows / 1000, state.rowsOf(names[m]), state.rows);
        }
    }
}

package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/** What a developer reads at start-up: one line that says where everything listens. */
class StartUpLogTest {

    @Test
    void oneLineSaysWhereTheApiTheHealthChecksAndTheMetricsListen() {
        List<LogCapture.Line> listening;
        int port;
        int managementPort;
        try (LogCapture capture = new LogCapture(); RunningService service = RunningService.start(Map.of())) {
            port = service.port();
            managementPort = service.managementUri("/").getPort();
            listening = capture.lines().stream().filter(line -> line.text().startsWith("Listening: ")).toList();
        }

        String management = "http://0.0.0.0:" + managementPort;
        assertEquals(List.of(new LogCapture.Line(Level.INFO, CreditScoreConfiguration.class.getName(),
                "Listening: API on http://0.0.0.0:" + port + " (/api/v1/portfolio-runs, /api/v1/portfolio-runs/{run_id},"
                + " /api/v1/predict, /api/v1/search, /models/reload, /models/drift, /models/compare, /health),"
                        + " liveness on " + management + "/observe/health/live, readiness on " + management
                        + "/observe/health/ready, metrics on " + management + "/observe/metrics")), listening);
    }
}

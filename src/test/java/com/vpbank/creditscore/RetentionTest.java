package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;

/**
 * History records are kept at least 25 months (Regulation B): each carries retain_until,
 * HISTORY_RETENTION_MONTHS after it is stored, which the history table's TTL purges on; a
 * setting below 25 stops the start.
 */
class RetentionTest {

    @Test
    void eachHistoryRecordIsKeptTheRetentionMonthsAndTheTableExpiresItThen() {
        try (RunningService service = RunningService.start(Map.of("creditscore.history.retention-months", "84"))) {
            Instant before = Instant.now();
            HttpResponse<String> answer = service.post("/api/v1/predict",
                    ScoringServiceTest.predictBody("CUS-RETAINED", DemoFeatures.NEW));
            assertEquals(200, answer.statusCode(), answer.body());
            Instant after = Instant.now();

            Map<String, AttributeValue> record = service.history("CUS-RETAINED").get(0);
            long retainUntil = Long.parseLong(record.get("retain_until").n());
            assertTrue(retainUntil >= before.atZone(ZoneOffset.UTC).plusMonths(84).toEpochSecond()
                    && retainUntil <= after.atZone(ZoneOffset.UTC).plusMonths(84).toEpochSecond() + 1, record.toString());
            TimeToLiveDescription ttl = service.dynamo().describeTimeToLive(request -> request
                    .tableName(service.historyTable())).timeToLiveDescription();
            assertEquals("retain_until", ttl.attributeName());
        }
    }

    @Test
    void theDefaultIs25Months() {
        try (RunningService service = RunningService.start()) {
            Instant before = Instant.now();
            service.post("/api/v1/predict", ScoringServiceTest.predictBody("CUS-RETAINED-25", DemoFeatures.NEW));
            long retainUntil = Long.parseLong(service.history("CUS-RETAINED-25").get(0).get("retain_until").n());
            assertTrue(Math.abs(retainUntil - before.atZone(ZoneOffset.UTC).plusMonths(25).toEpochSecond()) < 120);
        }
    }

    @Test
    void aRetentionBelow25MonthsStopsTheStart() {
        Exception refused = RunningService.failedStart(Map.of("creditscore.history.retention-months", "24"));
        Throwable cause = refused;
        StringBuilder messages = new StringBuilder();
        while (cause != null) {
            messages.append(cause.getMessage()).append('\n');
            cause = cause.getCause();
        }
        assertTrue(messages.toString().contains("(HISTORY_RETENTION_MONTHS) must be at least 25, not 24"), messages.toString());
    }
}

package com.vpbank.creditscore.observe;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Receives the AWS SDK's own per-call metrics for the DynamoDB client (every call, the
 * aws2-ddb component's included) and records their duration and outcome.
 */
public final class DynamoDbCallMetrics implements MetricPublisher {

    private final ServiceMetrics metrics;

    public DynamoDbCallMetrics(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void publish(MetricCollection call) {
        List<String> operation = call.metricValues(CoreMetric.OPERATION_NAME);
        List<Duration> duration = call.metricValues(CoreMetric.API_CALL_DURATION);
        List<Boolean> successful = call.metricValues(CoreMetric.API_CALL_SUCCESSFUL);
        if (operation.isEmpty() || duration.isEmpty()) {
            return;
        }
        boolean ok = !successful.isEmpty() && successful.get(0);
        metrics.dynamoDbCall(operation.get(0), ok ? "success" : "error", duration.get(0));
    }

    @Override
    public void close() {
    }
}

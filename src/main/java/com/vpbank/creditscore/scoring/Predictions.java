package com.vpbank.creditscore.scoring;

import com.vpbank.creditscore.RouteProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** Makes the prediction of a request from its model results: id, timestamp and credit group. */
public final class Predictions {

    /** ISO-8601 UTC with milliseconds and a {@code Z}; fixed width, so it sorts as text. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;

    public Predictions(Clock clock) {
        this.clock = clock;
    }

    public ExistingCustomerPrediction existing(@ExchangeProperty(RouteProperties.PREDICT_REQUEST) PredictRequest request,
                                               @Body AggregatedScore aggregated) {
        return new ExistingCustomerPrediction(request.customerId(), aggregated.score(), aggregated.models(),
                aggregated.modelsUsed(), CreditGroup.of(aggregated.score()).label(), newId(), now(), null);
    }

    public NewCustomerPrediction newCustomer(@ExchangeProperty(RouteProperties.PREDICT_REQUEST) PredictRequest request,
                                             @Body ModelResult result) {
        return new NewCustomerPrediction(request.customerId(), result.score(), result.scoreScaled(),
                result.model(), result.version(), CreditGroup.of(result.score()).label(), newId(), now(), null);
    }

    public static String format(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    private String now() {
        return format(clock.instant());
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}

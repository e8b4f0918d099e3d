package com.vpbank.creditscore.scoring;

import com.vpbank.creditscore.route.RouteProperties;
import com.vpbank.creditscore.time.Timestamps;
import java.time.Clock;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** Makes the prediction of a request from its model results: id, timestamp and credit group. */
public final class Predictions {

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

    private String now() {
        return Timestamps.format(clock.instant());
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}

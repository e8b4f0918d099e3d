package com.vpbank.creditscore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.observe.ModelCallSpans;
import com.vpbank.creditscore.observe.ServiceMetrics;
import com.vpbank.creditscore.scoring.ModelScoring;
import com.vpbank.creditscore.scoring.PredictRequestReader;
import com.vpbank.creditscore.scoring.Predictions;
import com.vpbank.creditscore.scoring.ReasonCodes;
import com.vpbank.creditscore.scoring.ScoreAggregation;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.spi.Registry;

/**
 * Binds the steps of the predict flow: {@code predictRequestReader}, {@code modelScoring},
 * {@code reasonCodes}, {@code scoreAggregation}, {@code predictions}.
 */
final class ScoringWiring {

    private ScoringWiring() {
    }

    /**
     * @param models the champion's models, whose inputs a predict request is read against
     * @param modelBudget time budget of one model for one request, for its score and again for its reasons
     * @param modelCalls the span of each model call
     */
    static void bind(Registry registry, ObjectMapper objectMapper, ModelRegistry models, Duration modelBudget,
            ServiceMetrics metrics, ModelCallSpans modelCalls) {
        registry.bind("predictRequestReader", new PredictRequestReader(objectMapper, models));
        registry.bind("modelScoring", new ModelScoring(modelBudget, metrics, modelCalls));
        registry.bind("reasonCodes", new ReasonCodes(modelBudget, metrics));
        registry.bind("scoreAggregation", new ScoreAggregation());
        registry.bind("predictions", new Predictions(Clock.systemUTC()));
    }
}

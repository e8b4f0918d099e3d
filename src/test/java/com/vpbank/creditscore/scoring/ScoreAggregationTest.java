package com.vpbank.creditscore.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.vpbank.creditscore.model.ModelsUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreAggregationTest {

    @Test
    void meanOfTheModelsThatSucceeded() {
        AggregatedScore aggregated = ScoreAggregation.aggregate(List.of(
                ModelResult.scored("traditional", 750.5, 0.81, "v1"),
                ModelResult.scored("social", 720.3, 0.76, "v1")));

        assertEquals(735.4, aggregated.score(), 1e-9);
        assertEquals(2, aggregated.modelsUsed());
        assertEquals(2, aggregated.models().size());
    }

    @Test
    void failedModelIsListedButLeftOutOfTheMean() {
        AggregatedScore aggregated = ScoreAggregation.aggregate(List.of(
                ModelResult.failed("traditional", "Model traditional failed to score."),
                ModelResult.scored("social", 720.3, 0.76, "v1")));

        assertEquals(720.3, aggregated.score(), 1e-9);
        assertEquals(1, aggregated.modelsUsed());
        assertEquals("traditional", aggregated.models().get(0).model());
    }

    @Test
    void everyModelFailingIsAnError() {
        assertThrows(ModelsUnavailableException.class, () -> ScoreAggregation.aggregate(List.of(
                ModelResult.failed("traditional", "x"), ModelResult.failed("social", "y"))));
    }
}

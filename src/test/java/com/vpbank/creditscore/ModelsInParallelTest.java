package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelPrediction;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.Processor;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.processor.MulticastProcessor;
import org.junit.jupiter.api.Test;

/**
 * MODELS_IN_PARALLEL: the existing-customer models run in parallel on the model pool by
 * default, one after the other with {@code false}; the answer, its reasons and what is
 * stored are the same either way.
 */
class ModelsInParallelTest {

    private static final float[] TRADITIONAL = {0.5f, 0.8f, 0.3f, 0.7f, 0.9f, 0.2f, 1f, 0f};
    private static final float[] SOCIAL = {0.6f, 0.7f, 0.5f, 0.4f, 0.3f};

    @Test
    void existingCustomersGetTheSameAnswerWithTheModelsInParallelOrOneAfterTheOther() {
        try (ModelBundle bundle = ModelBundle.load(Path.of("models"));
             RunningService parallel = RunningService.start();
             RunningService sequential = RunningService.start(Map.of("creditscore.models.parallel", "false"))) {
            countModelRuns(parallel);
            countModelRuns(sequential);

            JsonNode inParallel = predictExisting(parallel);
            JsonNode oneAfterTheOther = predictExisting(sequential);

            assertEquals(1, runs(parallel, "models-in-parallel"));
            assertEquals(0, runs(parallel, "models-one-after-the-other"));
            assertEquals(0, runs(sequential, "models-in-parallel"));
            assertEquals(1, runs(sequential, "models-one-after-the-other"));
            assertTrue(multicast(parallel, "models-in-parallel").isParallelProcessing());
            assertFalse(multicast(sequential, "models-one-after-the-other").isParallelProcessing());

            ModelPrediction traditional = bundle.model("traditional").predict(TRADITIONAL);
            ModelPrediction social = bundle.model("social").predict(SOCIAL);
            for (JsonNode answer : List.of(inParallel, oneAfterTheOther)) {
                assertEquals(2, answer.get("num_models_used").asInt());
                assertEquals("traditional", answer.at("/models/0/model").asText());
                assertEquals(traditional.score(), answer.at("/models/0/score").asDouble(), 1e-9);
                assertEquals("social", answer.at("/models/1/model").asText());
                assertEquals(social.score(), answer.at("/models/1/score").asDouble(), 1e-9);
                assertEquals((traditional.score() + social.score()) / 2, answer.get("aggregated_score").asDouble(), 1e-9);
            }
            assertEquals(inParallel.get("reasons"), oneAfterTheOther.get("reasons"));
            assertEquals(inParallel.get("credit_group"), oneAfterTheOther.get("credit_group"));

            String customerId = oneAfterTheOther.get("customer_id").asText();
            assertEquals(1, sequential.history(customerId).size());
            assertEquals(oneAfterTheOther.get("prediction_id").asText(),
                    sequential.customerItem(customerId).get("prediction_id").s());
        }
    }

    private static JsonNode predictExisting(RunningService service) {
        String customerId = service.existingCustomer();
        HttpResponse<String> response = service.post("/api/v1/predict", "{\"customer_id\": \"" + customerId
                + "\", \"features\": {" + DemoFeatures.EXISTING + "}}");
        assertEquals(200, response.statusCode(), response.body());
        return service.json(response);
    }

    /** Puts a mock endpoint named after each of the two model multicasts in front of it. */
    private static void countModelRuns(RunningService service) {
        try {
            AdviceWith.adviceWith(service.camelContext(), "predict", route -> {
                route.weaveById("models-in-parallel").before().to("mock:models-in-parallel");
                route.weaveById("models-one-after-the-other").before().to("mock:models-one-after-the-other");
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many exchanges reached this multicast since {@link #countModelRuns}. */
    private static int runs(RunningService service, String multicastId) {
        return service.camelContext().getEndpoint("mock:" + multicastId, MockEndpoint.class).getReceivedCounter();
    }

    private static MulticastProcessor multicast(RunningService service, String id) {
        Processor processor = service.camelContext().getProcessor(id);
        return assertInstanceOf(MulticastProcessor.class, processor);
    }
}

package com.vpbank.creditscore.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.input.CustomerIds;
import com.vpbank.creditscore.input.InvalidRequestException;
import com.vpbank.creditscore.input.JsonObjects;
import com.vpbank.creditscore.risk.DecisionReplay;
import com.vpbank.creditscore.risk.ModelVersionNotArchivedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Body;

/**
 * POST /api/v1/replay: {@code {"customer_id", "prediction_id"}} scored again with the model
 * versions the stored decision names. 404 when the customer has no such prediction; 410
 * naming the model and version when the archive no longer holds it.
 */
public final class Replays {

    private static final Pattern PREDICTION_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final ObjectMapper mapper;
    private final DecisionReplay replay;

    public Replays(ObjectMapper mapper, DecisionReplay replay) {
        this.mapper = mapper;
        this.replay = replay;
    }

    public Map<String, Object> replay(@Body String body) {
        JsonNode request = JsonObjects.read(mapper, body);
        String customerId = CustomerIds.read(request.get("customer_id"));
        String predictionId = predictionId(request.get("prediction_id"));
        DecisionReplay.Replay replayed;
        try {
            replayed = replay.replay(customerId, predictionId).orElseThrow(() -> new ApiException(404,
                    "No prediction '" + predictionId + "' is stored for this customer.", null));
        } catch (ModelVersionNotArchivedException gone) {
            throw new ApiException(410, gone.getMessage(), Map.of("model", gone.model(), "version", gone.version()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("prediction_id", predictionId);
        answer.put("original", replayed.original());
        answer.put("replayed", replayed.replayed());
        answer.put("identical", replayed.differences().isEmpty());
        answer.put("differences", replayed.differences());
        return answer;
    }

    static String predictionId(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new InvalidRequestException("Field 'prediction_id' is required.");
        }
        if (!node.isTextual() || !PREDICTION_ID.matcher(node.asText()).matches()) {
            throw new InvalidRequestException("Field 'prediction_id' must be a prediction's id (1 to 64 letters,"
                    + " digits or '-').");
        }
        return node.asText();
    }
}

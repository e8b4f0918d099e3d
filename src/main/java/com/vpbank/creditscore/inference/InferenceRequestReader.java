package com.vpbank.creditscore.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.input.InvalidRequestException;
import com.vpbank.creditscore.input.JsonObjects;
import com.vpbank.creditscore.route.RouteProperties;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Reads an inference request of the Open Inference Protocol against the model it names: one
 * input tensor named {@value #INPUT}, of datatype FP32 or FP64 and shape
 * {@code [n, input_size]} with {@code 1 <= n <= maxRows}, whose {@code data} holds
 * {@code n * input_size} finite numbers, flat in row-major order or nested as rows. FP64
 * values are rounded to the 32-bit floats the models take. {@code parameters.reasons: true},
 * or an {@code outputs} entry named {@code reasons}, asks for the reasons output; an
 * {@code outputs} list answers only the outputs it names. Anything else is refused with 400.
 */
public final class InferenceRequestReader {

    /** The name of the model's one input tensor. */
    public static final String INPUT = "features";

    private final ObjectMapper mapper;
    private final int maxRows;

    public InferenceRequestReader(ObjectMapper mapper, int maxRows) {
        this.mapper = mapper;
        this.maxRows = maxRows;
    }

    public InferenceInput read(@Body String body,
                               @ExchangeProperty(RouteProperties.INFERENCE_MODEL) ServedModel model) {
        return parse(JsonObjects.read(mapper, body), model.model().config().inputSize());
    }

    /** Reads a request body for a model of {@code inputSize} features. */
    public InferenceInput parse(JsonNode root, int inputSize) {
        String id = null;
        JsonNode idNode = root.get("id");
        if (idNode != null && !idNode.isNull()) {
            if (!idNode.isTextual()) {
                throw new InvalidRequestException("'id' must be a string.");
            }
            id = idNode.asText();
        }
        boolean reasons = reasonsParameter(root.get("parameters"));
        JsonNode inputs = root.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.size() != 1) {
            throw new InvalidRequestException("'inputs' must be an array of one tensor, '" + INPUT + "'.");
        }
        float[][] rows = rows(inputs.get(0), inputSize);
        return new InferenceInput(id, rows, outputs(root.get("outputs"), reasons));
    }

    private float[][] rows(JsonNode input, int inputSize) {
        if (!input.isObject()) {
            throw new InvalidRequestException("'inputs[0]' must be a tensor object.");
        }
        JsonNode name = input.get("name");
        if (name == null || !name.isTextual() || !name.asText().equals(INPUT)) {
            throw new InvalidRequestException("The input tensor must be named '" + INPUT + "'.");
        }
        JsonNode datatype = input.get("datatype");
        if (datatype == null || !datatype.isTextual()
                || !(datatype.asText().equals("FP32") || datatype.asText().equals("FP64"))) {
            throw new InvalidRequestException("The input tensor's 'datatype' must be 'FP32' or 'FP64'.");
        }
        JsonNode shape = input.get("shape");
        if (shape == null || !shape.isArray() || shape.size() != 2 || !shape.get(0).canConvertToInt()
                || !shape.get(0).isIntegralNumber() || !shape.get(1).isIntegralNumber()
                || shape.get(1).asLong() != inputSize) {
            throw new InvalidRequestException("The input tensor's 'shape' must be [n, " + inputSize + "].");
        }
        long n = shape.get(0).asLong();
        if (n < 1 || n > maxRows) {
            throw new InvalidRequestException("The input tensor must have 1 to " + maxRows + " rows; its shape says "
                    + n + ".");
        }
        JsonNode data = input.get("data");
        if (data == null || !data.isArray()) {
            throw new InvalidRequestException("The input tensor's 'data' must be an array.");
        }
        int rows = (int) n;
        float[][] values = new float[rows][inputSize];
        if (data.size() == rows && data.size() > 0 && data.get(0).isArray()) {
            for (int r = 0; r < rows; r++) {
                JsonNode row = data.get(r);
                if (!row.isArray() || row.size() != inputSize) {
                    throw new InvalidRequestException("The input tensor's 'data' row " + r + " must be an array of "
                            + inputSize + " numbers, as 'shape' says.");
                }
                for (int c = 0; c < inputSize; c++) {
                    values[r][c] = value(row.get(c), r * inputSize + c);
                }
            }
            return values;
        }
        if (data.size() != rows * inputSize) {
            throw new InvalidRequestException("The input tensor's 'data' must hold " + rows * inputSize
                    + " numbers (shape [" + rows + ", " + inputSize + "]), flat or as " + rows + " rows; it holds "
                    + data.size() + " elements.");
        }
        for (int i = 0; i < data.size(); i++) {
            values[i / inputSize][i % inputSize] = value(data.get(i), i);
        }
        return values;
    }

    private static float value(JsonNode node, int index) {
        if (node == null || !node.isNumber()) {
            throw new InvalidRequestException("The input tensor's element " + index + " must be a number.");
        }
        float value = node.floatValue();
        if (!Float.isFinite(value)) {
            throw new InvalidRequestException("The input tensor's element " + index
                    + " must be a finite number within the 32-bit float range.");
        }
        return value;
    }

    private static boolean reasonsParameter(JsonNode parameters) {
        if (parameters == null || parameters.isNull()) {
            return false;
        }
        if (!parameters.isObject()) {
            throw new InvalidRequestException("'parameters' must be an object.");
        }
        JsonNode reasons = parameters.get("reasons");
        if (reasons == null) {
            return false;
        }
        if (!reasons.isBoolean()) {
            throw new InvalidRequestException("'parameters.reasons' must be true or false.");
        }
        return reasons.asBoolean();
    }

    private static List<String> outputs(JsonNode requested, boolean reasons) {
        List<String> outputs = new ArrayList<>();
        if (requested == null || requested.isNull()) {
            outputs.add(InferenceOutputs.SCORE);
            outputs.add(InferenceOutputs.SCORE_SCALED);
            if (reasons) {
                outputs.add(InferenceOutputs.REASONS);
            }
            return outputs;
        }
        if (!requested.isArray() || requested.isEmpty()) {
            throw new InvalidRequestException("'outputs' must be an array of at least one output.");
        }
        for (JsonNode output : requested) {
            JsonNode name = output.isObject() ? output.get("name") : null;
            if (name == null || !name.isTextual() || !InferenceOutputs.NAMES.contains(name.asText())) {
                throw new InvalidRequestException("Each of 'outputs' must name one of " + InferenceOutputs.NAMES + ".");
            }
            if (outputs.contains(name.asText())) {
                throw new InvalidRequestException("'outputs' names '" + name.asText() + "' twice.");
            }
            outputs.add(name.asText());
        }
        if (reasons && !outputs.contains(InferenceOutputs.REASONS)) {
            outputs.add(InferenceOutputs.REASONS);
        }
        return outputs;
    }
}

package com.vpbank.creditscore.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.input.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The infer body as the reader takes or refuses it, for a model of three features. */
class InferenceRequestReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final InferenceRequestReader reader = new InferenceRequestReader(JSON, 4);

    private InferenceInput read(String json) throws Exception {
        return reader.parse(JSON.readTree(json), 3);
    }

    private static String tensor(String datatype, String shape, String data) {
        return "{\"inputs\": [{\"name\": \"features\", \"datatype\": \"" + datatype + "\", \"shape\": " + shape
                + ", \"data\": " + data + "}]";
    }

    @Test
    void flatAndNestedDataGiveTheSameRows() throws Exception {
        InferenceInput flat = read(tensor("FP32", "[2, 3]", "[1, 2, 3, 4, 5, 6]") + "}");
        InferenceInput nested = read(tensor("FP64", "[2, 3]", "[[1, 2, 3], [4, 5, 6]]") + ", \"id\": \"r1\"}");
        for (InferenceInput input : List.of(flat, nested)) {
            assertArrayEquals(new float[] {1, 2, 3}, input.rows()[0]);
            assertArrayEquals(new float[] {4, 5, 6}, input.rows()[1]);
            assertEquals(List.of("score", "score_scaled"), input.outputs());
        }
        assertNull(flat.id());
        assertEquals("r1", nested.id());
    }

    @Test
    void fp64ValuesAreRoundedToTheFloatsTheModelsTake() throws Exception {
        InferenceInput input = read(tensor("FP64", "[1, 3]", "[0.1, 0.2, 0.30000000000000004]") + "}");
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, input.rows()[0]);
    }

    @Test
    void reasonsAreAskedByParameterOrByOutputName() throws Exception {
        assertEquals(List.of("score", "score_scaled", "reasons"),
                read(tensor("FP32", "[1, 3]", "[1, 2, 3]") + ", \"parameters\": {\"reasons\": true}}").outputs());
        assertEquals(List.of("reasons"),
                read(tensor("FP32", "[1, 3]", "[1, 2, 3]") + ", \"outputs\": [{\"name\": \"reasons\"}]}").outputs());
        assertEquals(List.of("score", "reasons"), read(tensor("FP32", "[1, 3]", "[1, 2, 3]")
                + ", \"outputs\": [{\"name\": \"score\"}], \"parameters\": {\"reasons\": true}}").outputs());
    }

    @Test
    void aTensorThatIsNotTheModelsIsRefusedWithWhatIsWrong() {
        String[][] refused = {
            {tensor("FP32", "[1, 4]", "[1, 2, 3, 4]") + "}", "[n, 3]"},
            {tensor("FP32", "[3]", "[1, 2, 3]") + "}", "[n, 3]"},
            {tensor("FP32", "[2, 3]", "[1, 2, 3]") + "}", "must hold 6 numbers"},
            {tensor("FP32", "[2, 3]", "[[1, 2, 3], [4, 5]]") + "}", "row 1"},
            {tensor("INT64", "[1, 3]", "[1, 2, 3]") + "}", "'FP32' or 'FP64'"},
            {tensor("FP32", "[1, 3]", "[1, \"2\", 3]") + "}", "element 1 must be a number"},
            {tensor("FP32", "[1, 3]", "[1, 1e39, 3]") + "}", "finite"},
            {tensor("FP32", "[0, 3]", "[]") + "}", "1 to 4 rows"},
            {tensor("FP32", "[5, 3]", "[" + "1,".repeat(14) + "1]") + "}", "1 to 4 rows"},
            {tensor("FP32", "[1, 3]", "[1, 2, 3]") + ", \"parameters\": {\"reasons\": \"yes\"}}", "true or false"},
            {tensor("FP32", "[1, 3]", "[1, 2, 3]") + ", \"outputs\": [{\"name\": \"p\"}]}", "one of"},
            {tensor("FP32", "[1, 3]", "[1, 2, 3]") + ", \"id\": 7}", "'id' must be a string"},
            {"{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"shape\": [1, 3], \"data\": [1, 2, 3]}]}",
                "named 'features'"},
            {"{\"inputs\": []}", "array of one tensor"},
        };
        for (String[] body : refused) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> read(body[0]), body[0]);
            assertTrue(e.getMessage().contains(body[1]), e.getMessage() + " should say " + body[1]);
        }
    }

    @Test
    void theMetersOutcomeIsOneOfAFixedSet() {
        assertEquals("success", InferenceMetrics.outcome(200));
        assertEquals("invalid", InferenceMetrics.outcome(413));
        assertEquals("not_found", InferenceMetrics.outcome(404));
        assertEquals("error", InferenceMetrics.outcome(500));
    }
}

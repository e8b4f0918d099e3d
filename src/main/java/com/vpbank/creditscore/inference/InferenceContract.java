package com.vpbank.creditscore.inference;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The inference request as the service's OpenAPI document describes it; the service reads
 * it with {@link InferenceRequestReader}.
 */
public final class InferenceContract {

    private InferenceContract() {
    }

    @Schema(name = "InferenceRequest", requiredProperties = {"inputs"})
    public record InferenceRequest(
            @Schema(description = "Echoed in the answer") String id,
            @Schema(description = "reasons: true adds the reasons output") Map<String, Object> parameters,
            @Schema(description = "One tensor, 'features'") List<InputTensor> inputs,
            @Schema(description = "The outputs to answer (score, score_scaled, reasons); all but reasons without it")
            List<RequestedOutput> outputs) {
    }

    @Schema(name = "InferenceInputTensor", requiredProperties = {"name", "shape", "datatype", "data"})
    public record InputTensor(
            @Schema(allowableValues = {"features"}) String name,
            @Schema(description = "[n, input_size]") List<Long> shape,
            @Schema(allowableValues = {"FP32", "FP64"}) String datatype,
            @Schema(description = "n * input_size finite numbers, flat in row-major order or as n rows")
            List<Object> data) {
    }

    @Schema(name = "InferenceRequestedOutput", requiredProperties = {"name"})
    public record RequestedOutput(@Schema(allowableValues = {"score", "score_scaled", "reasons"}) String name) {
    }
}

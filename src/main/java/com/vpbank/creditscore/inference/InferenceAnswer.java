package com.vpbank.creditscore.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The protocol's inference response: the model, its version, the request's id, the output tensors. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"model_name", "model_version", "id", "outputs"})
public record InferenceAnswer(String modelName, String modelVersion, String id, List<Tensor> outputs) {

    /** One output tensor: its name, datatype, shape and data, flat in row-major order. */
    @JsonPropertyOrder({"name", "datatype", "shape", "data"})
    public record Tensor(String name, String datatype, List<Long> shape, List<?> data) {
    }
}

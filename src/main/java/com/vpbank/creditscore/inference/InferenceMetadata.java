package com.vpbank.creditscore.inference;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.vpbank.creditscore.route.RouteProperties;
import java.util.List;
import org.apache.camel.ExchangeProperty;

/**
 * The protocol's metadata and health answers: the server's name, version and extensions;
 * a model's name, versions, platform, input and outputs; liveness, and readiness of the
 * server and of a model.
 */
public final class InferenceMetadata {

    /** The server's name in its metadata. */
    public static final String SERVER_NAME = "credit-score";

    private final InferenceModels models;
    private final String serverVersion;

    public InferenceMetadata(InferenceModels models, String serverVersion) {
        this.models = models;
        this.serverVersion = serverVersion;
    }

    /** {@code GET /v2}. */
    public ServerMetadata server() {
        return new ServerMetadata(SERVER_NAME, serverVersion, List.of());
    }

    /** {@code GET /v2/models/{name}[/versions/{version}]}. */
    public ModelMetadata model(@ExchangeProperty(RouteProperties.INFERENCE_MODEL) ServedModel served) {
        int inputSize = served.model().config().inputSize();
        return new ModelMetadata(served.name(), models.versions(served.name()), served.platform(),
                List.of(new TensorMetadata(InferenceRequestReader.INPUT, "FP32", List.of(-1L, (long) inputSize))),
                List.of(new TensorMetadata(InferenceOutputs.SCORE, "FP64", List.of(-1L, 1L)),
                        new TensorMetadata(InferenceOutputs.SCORE_SCALED, "FP64", List.of(-1L, 1L)),
                        new TensorMetadata(InferenceOutputs.REASONS, "BYTES", List.of(-1L, 1L))));
    }

    /** {@code GET /v2/health/live}: the server answers. */
    public Live live() {
        return new Live(true);
    }

    /** {@code GET /v2/health/ready}: the champion's models are loaded; 503 while they are not. */
    public Ready ready() {
        return new Ready(models.championLoaded());
    }

    /** {@code GET /v2/models/{name}[/versions/{version}]/ready}: the model is loaded (else 404). */
    public ModelReady modelReady(@ExchangeProperty(RouteProperties.INFERENCE_MODEL) ServedModel served) {
        return new ModelReady(served.name(), true);
    }

    @JsonPropertyOrder({"name", "version", "extensions"})
    public record ServerMetadata(String name, String version, List<String> extensions) {
    }

    @JsonPropertyOrder({"name", "versions", "platform", "inputs", "outputs"})
    public record ModelMetadata(String name, List<String> versions, String platform, List<TensorMetadata> inputs,
                                List<TensorMetadata> outputs) {
    }

    @JsonPropertyOrder({"name", "datatype", "shape"})
    public record TensorMetadata(String name, String datatype, List<Long> shape) {
    }

    public record Live(boolean live) {
    }

    /** With {@link #httpStatus()}: 200 when ready, else 503. */
    public record Ready(boolean ready) {
        public int httpStatus() {
            return ready ? 200 : 503;
        }
    }

    @JsonPropertyOrder({"name", "ready"})
    public record ModelReady(String name, boolean ready) {
    }
}

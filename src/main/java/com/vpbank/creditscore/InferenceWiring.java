package com.vpbank.creditscore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.api.ErrorResponses;
import com.vpbank.creditscore.api.ProtocolErrors;
import com.vpbank.creditscore.inference.Inference;
import com.vpbank.creditscore.inference.InferenceMetadata;
import com.vpbank.creditscore.inference.InferenceMetrics;
import com.vpbank.creditscore.inference.InferenceModels;
import com.vpbank.creditscore.inference.InferenceRequestReader;
import com.vpbank.creditscore.observe.ServiceMetrics;
import org.apache.camel.spi.Registry;

/**
 * Binds the Open Inference Protocol endpoints: {@code inferenceModels},
 * {@code inferenceRequestReader}, {@code inference}, {@code inferenceMetadata},
 * {@code inferenceMetrics}, {@code protocolErrors}.
 */
final class InferenceWiring {

    private InferenceWiring() {
    }

    static void bind(Registry registry, InferenceSettings settings, ObjectMapper objectMapper,
            ModelWiring.Registries models, ServiceMetrics metrics) {
        InferenceModels inferenceModels = new InferenceModels(models.champion(), models.challenger());
        registry.bind("inferenceModels", inferenceModels);
        registry.bind("inferenceRequestReader", new InferenceRequestReader(objectMapper, settings.maxRows()));
        InferenceMetrics inferenceMetrics = new InferenceMetrics(metrics, inferenceModels);
        registry.bind("inferenceMetrics", inferenceMetrics);
        registry.bind("inference", new Inference(objectMapper, inferenceMetrics));
        String version = CreditScoreConfiguration.class.getPackage().getImplementationVersion();
        registry.bind("inferenceMetadata", new InferenceMetadata(inferenceModels, version == null ? "1.0" : version));
        registry.bind("protocolErrors", new ProtocolErrors(new ErrorResponses()));
    }
}

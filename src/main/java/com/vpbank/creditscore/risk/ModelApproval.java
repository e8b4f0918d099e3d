package com.vpbank.creditscore.risk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.model.ModelBundleException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The approval of a model, from the {@code approval} object of its {@code config.json}:
 * who approved it, when, and the reference of its validation report. A config without the
 * object, or with any of the three fields missing or blank, holds no approval.
 */
public record ModelApproval(String approvedBy, String approvedAt, String validationReference) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The approval the config file gives; empty when it gives none. */
    public static Optional<ModelApproval> read(Path configFile) {
        JsonNode approval;
        try {
            approval = MAPPER.readTree(configFile.toFile()).path("approval");
        } catch (IOException e) {
            throw new ModelBundleException(configFile + ": cannot be read (" + e.getMessage() + ")", e);
        }
        String by = text(approval, "approved_by");
        String at = text(approval, "approved_at");
        String reference = text(approval, "validation_reference");
        if (by == null || at == null || reference == null) {
            return Optional.empty();
        }
        return Optional.of(new ModelApproval(by, at, reference));
    }

    private static String text(JsonNode approval, String field) {
        JsonNode value = approval.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }
}

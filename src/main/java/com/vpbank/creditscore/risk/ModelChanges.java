package com.vpbank.creditscore.risk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelBundleException;
import com.vpbank.creditscore.model.ModelGeneration;
import com.vpbank.creditscore.time.Timestamps;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What model risk management asks of every change of a bundle, in the order a reload meets
 * it: a bundle without approval is refused when approval is required
 * ({@code MODEL_APPROVAL_REQUIRED}); a verified bundle is archived before it serves; and the
 * outcome (loaded, refused, not archived) is appended to the audit trail, with who asked and
 * the versions before and after, and the inventory takes the new generation.
 */
public final class ModelChanges {

    /** Who changed a bundle when no API key asked: the service's own start-up load or poll. */
    public static final String SERVICE = "service";

    private static final Logger LOG = LoggerFactory.getLogger(ModelChanges.class);

    private final boolean approvalRequired;
    private final ModelArchive archive;
    private final ModelInventory inventory;
    private final AuditTrail audit;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Map<String, String> lastServiceRefusal = new ConcurrentHashMap<>();

    public ModelChanges(boolean approvalRequired, ModelArchive archive, ModelInventory inventory, AuditTrail audit,
                        ObjectMapper mapper, Clock clock) {
        this.approvalRequired = approvalRequired;
        this.archive = archive;
        this.inventory = inventory;
        this.audit = audit;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Refuses, naming the file, a bundle folder with a model that gives no approval, when approval is required. */
    public void admit(Path folder) {
        if (!approvalRequired) {
            return;
        }
        for (String name : ModelBundle.modelNames(folder)) {
            Path config = folder.resolve(name).resolve(ModelBundle.CONFIG_FILE);
            if (ModelApproval.read(config).isEmpty()) {
                throw new ModelBundleException(config + ": no approval (an 'approval' object with approved_by,"
                        + " approved_at and validation_reference); MODEL_APPROVAL_REQUIRED is set");
            }
        }
    }

    /** Archives every model version of a verified bundle, before it serves. */
    public void keep(ModelBundle verified) {
        archive.keep(verified);
    }

    /** A generation serves now: into the inventory and the audit trail. */
    public void loaded(String bundle, String actor, Optional<ModelGeneration> before, ModelGeneration after) {
        lastServiceRefusal.remove(bundle);
        try {
            inventory.serving(bundle, after);
        } catch (RuntimeException e) {
            LOG.error("The inventory could not describe generation {} of the {} bundle ({})", after.number(), bundle,
                    e.getClass().getSimpleName());
        }
        ObjectNode event = event(bundle, actor, "loaded", before);
        event.put("generation_after", after.number());
        event.set("models_after", versions(after));
        append(event);
    }

    /**
     * A bundle was refused, or could not be archived: the current generation (if any) keeps
     * serving. The service's own tries (start-up retries, polls) record a refusal once until
     * the reason changes or a generation loads, not on every retry.
     */
    public void refused(String bundle, String actor, String outcome, Optional<ModelGeneration> current, String reason) {
        if (SERVICE.equals(actor) && (outcome + reason).equals(lastServiceRefusal.put(bundle, outcome + reason))) {
            return;
        }
        ObjectNode event = event(bundle, actor, outcome, current);
        event.put("reason", reason);
        append(event);
    }

    private ObjectNode event(String bundle, String actor, String outcome, Optional<ModelGeneration> before) {
        ObjectNode event = mapper.createObjectNode();
        event.put("at", Timestamps.format(clock.instant()));
        event.put("event", "model_reload");
        event.put("bundle", bundle);
        event.put("actor", actor == null || actor.isEmpty() ? SERVICE : actor);
        event.put("outcome", outcome);
        if (before.isPresent()) {
            event.put("generation_before", before.get().number());
            event.set("models_before", versions(before.get()));
        } else {
            event.putNull("generation_before");
            event.set("models_before", mapper.createArrayNode());
        }
        return event;
    }

    private ArrayNode versions(ModelGeneration generation) {
        ArrayNode models = mapper.createArrayNode();
        for (Model model : generation.bundle().models()) {
            models.addObject().put("name", model.name()).put("version", model.config().version());
        }
        return models;
    }

    /** A change that cannot be recorded is logged as an error; the change itself stands. */
    private void append(ObjectNode event) {
        try {
            audit.append(event);
        } catch (SdkException e) {
            LOG.error("The audit trail could not record a {} reload of the {} bundle ({})",
                    event.path("outcome").asText(), event.path("bundle").asText(), e.getClass().getSimpleName());
        }
    }
}

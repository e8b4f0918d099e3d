package com.vpbank.creditscore.risk;

import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelGeneration;
import com.vpbank.creditscore.time.Timestamps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inventory of the models in use, champion and challenger: for each model its name,
 * version, the SHA-256 of each of its files, where it was loaded from and when, and the
 * approval its {@code config.json} gives. Each entry is taken when a generation starts
 * serving (file hashes read once, at install, never per request).
 */
public final class ModelInventory {

    private final Map<String, String> sources;
    private final String archive;
    private final Map<String, Map<String, Object>> bundles = new ConcurrentHashMap<>();

    /**
     * @param sources where each bundle is loaded from (s3://bucket/prefix/ or a folder), by bundle name
     * @param archive where the model archive is
     */
    public ModelInventory(Map<String, String> sources, String archive) {
        this.sources = Map.copyOf(sources);
        this.archive = archive;
    }

    /** Records the generation that now serves as the bundle. */
    public void serving(String bundle, ModelGeneration generation) {
        String source = sources.getOrDefault(bundle, "");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("model_generation", generation.number());
        entry.put("loaded_at", Timestamps.format(generation.loadedAt()));
        entry.put("source", source);
        List<Map<String, Object>> models = new ArrayList<>();
        ModelBundle loaded = generation.bundle();
        for (Model model : loaded.models()) {
            Path folder = loaded.root().resolve(model.name());
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("name", model.name());
            described.put("version", model.config().version());
            described.put("loaded_from", source.isEmpty() ? folder.toString() : join(source, model.name()));
            described.put("loaded_at", Timestamps.format(generation.loadedAt()));
            described.put("files", ModelFiles.sha256(folder));
            Path config = folder.resolve(ModelBundle.CONFIG_FILE);
            described.put("approval", Files.isRegularFile(config) ? ModelApproval.read(config).orElse(null) : null);
            models.add(described);
        }
        entry.put("models", models);
        bundles.put(bundle, entry);
    }

    /** The answer of GET /models: each bundle that serves, champion first, and where the archive is. */
    public Map<String, Object> report() {
        Map<String, Object> answer = new LinkedHashMap<>();
        for (String bundle : List.of(ModelBundle.CHAMPION, ModelBundle.CHALLENGER)) {
            answer.put(bundle, bundles.get(bundle));
        }
        answer.put("archive", archive);
        return answer;
    }

    private static String join(String source, String name) {
        return source.endsWith("/") ? source + name + "/" : source + "/" + name + "/";
    }
}

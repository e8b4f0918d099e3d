package com.vpbank.creditscore.risk;

import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Model versions read back from the model archive, for replays: each fetched into a folder
 * of its own, loaded and verified as a bundle of one model, and kept loaded for the next
 * replay (at most {@link #KEPT}, the least recently used closed first). A version is asked
 * of the archive on every use, so that one removed from it is no longer replayed. One
 * replay at a time: replays are rare, and the models they load stay out of the serving
 * generations.
 */
public final class ArchivedModels implements AutoCloseable {

    static final int KEPT = 8;

    private final ModelArchive archive;
    private final Path folder;
    private final Map<String, ModelBundle> loaded = new LinkedHashMap<>(16, 0.75f, true);

    /** @param folder where fetched versions are written (under MODEL_CACHE_DIR) */
    public ArchivedModels(ModelArchive archive, Path folder) {
        this.archive = archive;
        this.folder = folder;
    }

    /**
     * Runs {@code work} with a bundle of the given model versions (model name to version);
     * {@link ModelVersionNotArchivedException} naming the first version the archive does not hold.
     */
    public synchronized <T> T with(Map<String, String> versions, Function<ModelBundle, T> work) {
        List<Model> models = new ArrayList<>();
        for (Map.Entry<String, String> version : versions.entrySet()) {
            models.add(model(version.getKey(), version.getValue()));
        }
        return work.apply(ModelBundle.of(folder, models, Map.of()));
    }

    private Model model(String name, String version) {
        String key = name + "\n" + version;
        Path versionFolder = folder.resolve(ModelArchive.segment(name) + "@" + ModelArchive.segment(version));
        Path modelFolder = versionFolder.resolve(name);
        if (!archive.has(name, version)) {
            ModelBundle dropped = loaded.remove(key);
            if (dropped != null) {
                dropped.close();
            }
            delete(versionFolder);
            throw new ModelVersionNotArchivedException(name, version);
        }
        ModelBundle bundle = loaded.get(key);
        if (bundle == null) {
            delete(versionFolder);
            if (!archive.fetch(name, version, modelFolder)) {
                throw new ModelVersionNotArchivedException(name, version);
            }
            bundle = ModelBundle.load(versionFolder);
            loaded.put(key, bundle);
            if (loaded.size() > KEPT) {
                var eldest = loaded.entrySet().iterator().next();
                loaded.remove(eldest.getKey());
                eldest.getValue().close();
            }
        }
        return bundle.model(name);
    }

    private static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        loaded.values().forEach(ModelBundle::close);
        loaded.clear();
    }
}

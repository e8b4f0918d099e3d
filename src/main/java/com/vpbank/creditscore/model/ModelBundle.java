package com.vpbank.creditscore.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The models of a bundle folder: every sub-folder that holds a {@code config.json} is a
 * model, named by it, of the kind its model file says ({@code model.onnx}: ONNX Runtime,
 * {@code model.json}: XGBoost), with its {@code scaler.json}. The seed's bundle has three
 * ({@code traditional/}, {@code social/}, {@code xgboost/}); a bundle may hold any number.
 * A bundle is verified whole before it is returned: every file present, every config
 * valid and named after its folder, every model opening and scoring a row of zeros to a
 * finite value, with finite attributions for reason codes where the model gives them. One
 * failure refuses the bundle and names the file.
 *
 * <p>Over 200 lines because discovery and verification of the folder are one step: a
 * bundle that exists is a bundle that passed every check.
 */
public final class ModelBundle implements AutoCloseable {

    /** The model files a model folder may hold, one of them: ONNX Runtime or XGBoost. */
    private static final List<String> MODEL_FILES = List.of("model.onnx", "model.json");

    /** The file that makes a folder of the bundle a model. */
    public static final String CONFIG_FILE = "config.json";

    /** The bundle that answers. */
    public static final String CHAMPION = "champion";

    /** The bundle that scores the same requests in the shadow, for comparison, and never answers. */
    public static final String CHALLENGER = "challenger";

    /** A model's optional description of its training population, for drift. */
    public static final String REFERENCE_FILE = "reference.json";

    private final Path root;
    private final Map<String, Model> models;
    private final Map<String, DriftReference> references;

    private ModelBundle(Path root, Map<String, Model> models, Map<String, DriftReference> references) {
        this.root = root;
        this.models = models;
        this.references = references;
    }

    /**
     * A bundle of models that are loaded and verified already, with their references (a
     * model without one has none); for tools and tests that build models themselves.
     */
    public static ModelBundle of(Path root, List<Model> models, Map<String, DriftReference> references) {
        Map<String, Model> byName = new LinkedHashMap<>();
        models.forEach(model -> byName.put(model.name(), model));
        return new ModelBundle(root, byName, Map.copyOf(references));
    }

    public static ModelBundle load(Path root) {
        return load(root, 1);
    }

    public static ModelBundle load(Path root, int onnxIntraOpThreads) {
        if (!Files.isDirectory(root)) {
            throw new ModelBundleException(root + ": the model bundle folder does not exist");
        }
        Map<String, Model> loaded = new LinkedHashMap<>();
        Map<String, DriftReference> references = new LinkedHashMap<>();
        try {
            for (Path folder : modelFolders(root)) {
                String name = folder.getFileName().toString();
                loaded.put(name, loadModel(folder, modelFile(folder), onnxIntraOpThreads));
                Path reference = folder.resolve(REFERENCE_FILE);
                if (Files.exists(reference)) {
                    references.put(name, DriftReference.read(reference, loaded.get(name).config()));
                }
            }
        } catch (RuntimeException e) {
            loaded.values().forEach(Model::close);
            throw e;
        }
        return new ModelBundle(root, loaded, Collections.unmodifiableMap(references));
    }

    /**
     * The names of the models a bundle folder holds (its folders with a config.json), read
     * without loading them; empty when the folder does not exist or holds none.
     */
    public static Set<String> modelNames(Path root) {
        if (!Files.isDirectory(root)) {
            return Set.of();
        }
        try {
            Set<String> names = new java.util.TreeSet<>();
            modelFolders(root).forEach(folder -> names.add(folder.getFileName().toString()));
            return names;
        } catch (ModelBundleException e) {
            return Set.of();
        }
    }

    /** The folders of the bundle that hold a config.json, by name; a bundle without one is refused. */
    private static List<Path> modelFolders(Path root) {
        List<Path> folders;
        try (Stream<Path> children = Files.list(root)) {
            folders = children.filter(Files::isDirectory)
                    .filter(folder -> Files.isRegularFile(folder.resolve(CONFIG_FILE)))
                    .sorted(Comparator.comparing(folder -> folder.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new ModelBundleException(root + ": cannot list the model bundle folder (" + e.getMessage() + ")", e);
        }
        if (folders.isEmpty()) {
            throw new ModelBundleException(root + ": no model folder (a folder with a " + CONFIG_FILE + ")");
        }
        return folders;
    }

    /** The one model file of a model folder: model.onnx or model.json. */
    private static String modelFile(Path folder) {
        List<String> present = MODEL_FILES.stream().filter(file -> Files.isRegularFile(folder.resolve(file))).toList();
        if (present.size() != 1) {
            throw new ModelBundleException(folder.resolve(present.isEmpty() ? MODEL_FILES.get(0) : present.get(1))
                    + (present.isEmpty() ? ": missing (a model folder holds model.onnx or model.json)"
                    : ": a model folder holds one model file, model.onnx or model.json, not both"));
        }
        return present.get(0);
    }

    private static Model loadModel(Path folder, String modelFileName, int onnxIntraOpThreads) {
        Path modelFile = folder.resolve(modelFileName);
        Path configFile = folder.resolve(CONFIG_FILE);
        Path scalerFile = folder.resolve("scaler.json");
        for (Path required : List.of(modelFile, configFile, scalerFile)) {
            if (!Files.isRegularFile(required)) {
                throw new ModelBundleException(required + ": missing");
            }
        }
        ModelConfig config = ModelConfig.read(configFile);
        String folderName = folder.getFileName().toString();
        if (!config.name().equals(folderName)) {
            throw new ModelBundleException(configFile + ": 'name' is '" + config.name()
                    + "' but the folder is '" + folderName + "'");
        }
        TargetScaler scaler = TargetScaler.read(scalerFile);
        Scorer scorer = modelFileName.endsWith(".onnx")
                ? openOnnx(modelFile, config, onnxIntraOpThreads)
                : XGBoostScorer.open(modelFile);
        Model model = new Model(config, scaler, scorer);
        try {
            float probe = scorer.scoreScaled(new float[config.inputSize()]);
            if (!Float.isFinite(probe)) {
                throw new ModelBundleException(modelFile + ": scores a row of zeros to " + probe);
            }
            verifyAttributions(modelFile, scorer, config);
            model.verifyScores(scalerFile);
        } catch (ModelBundleException e) {
            model.close();
            throw e;
        } catch (RuntimeException e) {
            model.close();
            throw new ModelBundleException(modelFile + ": cannot score a row of " + config.inputSize()
                    + " zeros (" + e.getMessage() + ")", e);
        }
        return model;
    }

    /** The attributions reason codes use come out for a row of zeros, one finite value per feature. */
    private static void verifyAttributions(Path modelFile, Scorer scorer, ModelConfig config) {
        float[] attributions;
        try {
            attributions = scorer.attributions(new float[config.inputSize()], config.baseline());
        } catch (RuntimeException e) {
            throw new ModelBundleException(modelFile + ": cannot compute the attributions of a row of "
                    + config.inputSize() + " zeros for reason codes (" + e.getMessage() + ")", e);
        }
        if (attributions == null) {
            return;
        }
        for (float attribution : attributions) {
            if (attributions.length != config.inputSize() || !Float.isFinite(attribution)) {
                throw new ModelBundleException(modelFile + ": the attributions of a row of zeros are not "
                        + config.inputSize() + " finite values");
            }
        }
    }

    private static Scorer openOnnx(Path modelFile, ModelConfig config, int intraOpThreads) {
        OnnxScorer scorer = OnnxScorer.open(modelFile, intraOpThreads);
        long width = scorer.inputWidth();
        if (width > 0 && width != config.inputSize()) {
            scorer.close();
            throw new ModelBundleException(modelFile + ": the model takes " + width
                    + " features but config.json says input_size " + config.inputSize());
        }
        return scorer;
    }

    public Path root() {
        return root;
    }

    public boolean has(String name) {
        return models.containsKey(name);
    }

    public Model model(String name) {
        Model model = models.get(name);
        if (model == null) {
            throw new IllegalArgumentException("No model named " + name);
        }
        return model;
    }

    public Collection<Model> models() {
        return models.values();
    }

    /** The model's training population from its {@code reference.json}, when the bundle has one. */
    public Optional<DriftReference> reference(String name) {
        return Optional.ofNullable(references.get(name));
    }

    /** The model names, in the order the API lists them: by name. */
    public Set<String> names() {
        return models.keySet();
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (Model model : models.values()) {
            try {
                model.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}

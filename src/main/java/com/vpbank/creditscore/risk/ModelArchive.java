package com.vpbank.creditscore.risk;

import com.vpbank.creditscore.model.Model;
import com.vpbank.creditscore.model.ModelBundle;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Where every model version the service serves is kept, so that a decision can be scored
 * again with the versions that made it: {@code <model>/<version>/<file>}, in S3 under
 * {@code MODEL_ARCHIVE_PREFIX} of {@code ML_DATA_BUCKET} ({@link S3ModelArchive}), or in the
 * folder {@code MODEL_ARCHIVE_DIR} ({@link FolderModelArchive}). A version is written once,
 * its {@code config.json} last, and never overwritten; the service only adds to the archive.
 */
public interface ModelArchive {

    /**
     * Keeps the files of every model of a verified bundle, each version that is not kept
     * already; {@link com.vpbank.creditscore.model.ModelStoreUnavailableException} when the
     * archive cannot be written.
     */
    default void keep(ModelBundle bundle) {
        for (Model model : bundle.models()) {
            Path folder = bundle.root().resolve(model.name());
            List<Path> files = ModelFiles.files(folder);
            if (!files.isEmpty()) {
                keep(model.name(), model.config().version(), files);
            }
        }
    }

    /** Keeps one model version's files unless the version is kept already. */
    void keep(String model, String version, List<Path> files);

    /** Whether the archive holds the model version, whole. */
    boolean has(String model, String version);

    /**
     * Copies the files of a kept model version into {@code folder}; false when the archive
     * does not hold the version.
     */
    boolean fetch(String model, String version, Path folder);

    /** Where the archive is, for the inventory and the logs. */
    String location();

    /** A version as one path segment: URL-encoded, never "." or "..". */
    static String segment(String version) {
        String encoded = URLEncoder.encode(version, StandardCharsets.UTF_8);
        return encoded.equals(".") || encoded.equals("..") ? encoded.replace(".", "%2E") : encoded;
    }
}

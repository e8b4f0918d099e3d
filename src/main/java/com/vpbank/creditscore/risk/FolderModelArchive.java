package com.vpbank.creditscore.risk;

import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelStoreUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

/**
 * The model archive in a folder ({@code MODEL_ARCHIVE_DIR}): a version is copied to a
 * folder of its own beside the others, then moved into place at once, so that a version in
 * the archive is always whole.
 */
public final class FolderModelArchive implements ModelArchive {

    private final Path root;

    public FolderModelArchive(Path root) {
        this.root = root;
    }

    @Override
    public void keep(String model, String version, List<Path> files) {
        Path target = versionFolder(model, version);
        if (Files.isRegularFile(target.resolve(ModelBundle.CONFIG_FILE))) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
            Path incoming = target.resolveSibling(".incoming-" + UUID.randomUUID());
            Files.createDirectories(incoming);
            for (Path file : files) {
                Files.copy(file, incoming.resolve(file.getFileName().toString()));
            }
            Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (Files.isRegularFile(target.resolve(ModelBundle.CONFIG_FILE))) {
                return;
            }
            throw new ModelStoreUnavailableException("The model archive cannot be written (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public boolean has(String model, String version) {
        return Files.isRegularFile(versionFolder(model, version).resolve(ModelBundle.CONFIG_FILE));
    }

    @Override
    public boolean fetch(String model, String version, Path folder) {
        Path source = versionFolder(model, version);
        if (!Files.isRegularFile(source.resolve(ModelBundle.CONFIG_FILE))) {
            return false;
        }
        try {
            Files.createDirectories(folder);
            for (Path file : ModelFiles.files(source)) {
                Files.copy(file, folder.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            throw new ModelStoreUnavailableException("The model archive cannot be read (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String location() {
        return root.toAbsolutePath().normalize().toString();
    }

    private Path versionFolder(String model, String version) {
        return root.resolve(ModelArchive.segment(model)).resolve(ModelArchive.segment(version));
    }
}

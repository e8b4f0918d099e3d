package com.vpbank.creditscore.risk;

import com.vpbank.creditscore.model.ModelBundle;
import com.vpbank.creditscore.model.ModelStoreUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The model archive in S3: {@code s3://ML_DATA_BUCKET/MODEL_ARCHIVE_PREFIX/<model>/<version>/<file>}.
 * A version's {@code config.json} is written last and marks it as kept: a version whose
 * config is there is never written again. An S3 error is the model store being
 * unavailable (503); a reload that cannot archive does not serve.
 */
public final class S3ModelArchive implements ModelArchive {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3ModelArchive(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    @Override
    public void keep(String model, String version, List<Path> files) {
        String folder = versionPrefix(model, version);
        try {
            if (exists(folder + ModelBundle.CONFIG_FILE)) {
                return;
            }
            List<Path> ordered = new ArrayList<>(files);
            // config.json last: it marks the version as whole.
            ordered.sort(Comparator.comparing(file -> file.getFileName().toString().equals(ModelBundle.CONFIG_FILE)));
            for (Path file : ordered) {
                s3.putObject(request -> request.bucket(bucket).key(folder + file.getFileName()), RequestBody.fromFile(file));
            }
        } catch (SdkException e) {
            throw new ModelStoreUnavailableException("The model archive (S3) cannot be written ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    @Override
    public boolean has(String model, String version) {
        try {
            return exists(versionPrefix(model, version) + ModelBundle.CONFIG_FILE);
        } catch (SdkException e) {
            throw new ModelStoreUnavailableException("The model archive (S3) cannot be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    @Override
    public boolean fetch(String model, String version, Path folder) {
        String versionPrefix = versionPrefix(model, version);
        try {
            if (!exists(versionPrefix + ModelBundle.CONFIG_FILE)) {
                return false;
            }
            List<S3Object> objects = s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(versionPrefix))
                    .contents().stream().toList();
            Files.createDirectories(folder);
            for (S3Object object : objects) {
                String name = object.key().substring(versionPrefix.length());
                if (name.isEmpty() || name.contains("/")) {
                    continue;
                }
                try (var body = s3.getObject(request -> request.bucket(bucket).key(object.key()))) {
                    Files.copy(body, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return true;
        } catch (SdkException | java.io.IOException e) {
            throw new ModelStoreUnavailableException("The model archive (S3) cannot be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    @Override
    public String location() {
        return "s3://" + bucket + "/" + prefix + "/";
    }

    private boolean exists(String key) {
        try {
            s3.headObject(request -> request.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException missing) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private String versionPrefix(String model, String version) {
        return (prefix.isEmpty() ? "" : prefix + "/") + ModelArchive.segment(model) + "/"
                + ModelArchive.segment(version) + "/";
    }
}

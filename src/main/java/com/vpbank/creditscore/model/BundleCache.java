package com.vpbank.creditscore.model;

import com.vpbank.creditscore.route.RouteProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The local folder that bundles downloaded from S3 are written to: one subfolder per
 * download, named after the bundle it holds (champion or challenger), so that a new
 * download never overwrites the files of the one serving. Once a download serves, the
 * older ones of the same bundle are removed (the models are in memory by then).
 *
 * <p>Routes call it with the bundle's name in the exchange property {@value RouteProperties#MODEL_BUNDLE}.
 */
public final class BundleCache {

    private final Path root;
    private final Map<String, String> prefixes;
    private final Map<String, String> fetched = new ConcurrentHashMap<>();

    /**
     * @param root     the cache folder
     * @param prefixes the S3 key prefix of each bundle, by bundle name; keys are written relative to it
     */
    public BundleCache(Path root, Map<String, String> prefixes) {
        this.root = root;
        Map<String, String> normalized = new LinkedHashMap<>();
        prefixes.forEach((bundle, prefix) -> normalized.put(bundle,
                prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/"));
        this.prefixes = Map.copyOf(normalized);
    }

    /** Remembers the listing a download fetched, so that a poll can tell whether the bundle changed. */
    public void fetched(@ExchangeProperty(RouteProperties.MODEL_BUNDLE) String bundle, @Body List<S3Object> listing) {
        fetched.put(bundle, fingerprint(listing));
    }

    /** Whether the bucket's listing of the bundle differs from the one last fetched (keys and ETags). */
    public boolean changedSince(@ExchangeProperty(RouteProperties.MODEL_BUNDLE) String bundle, @Body List<S3Object> listing) {
        return !fingerprint(listing).equals(fetched.getOrDefault(bundle, ""));
    }

    static String fingerprint(List<S3Object> listing) {
        return listing.stream()
                .sorted(Comparator.comparing(S3Object::key))
                .map(object -> object.key() + "=" + object.eTag())
                .collect(Collectors.joining("\n"));
    }

    /** A new, empty folder for one download of the bundle. */
    public String newFolder(@ExchangeProperty(RouteProperties.MODEL_BUNDLE) String bundle) {
        try {
            Files.createDirectories(root);
            return Files.createTempDirectory(root, folderPrefix(bundle)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The S3 key prefix that the bundle's keys start with. */
    public String prefix(@ExchangeProperty(RouteProperties.MODEL_BUNDLE) String bundle) {
        String prefix = prefixes.get(bundle);
        if (prefix == null) {
            throw new IllegalArgumentException("No S3 prefix for the " + bundle + " bundle");
        }
        return prefix;
    }

    /** The file name, relative to the download folder, of an S3 key of the bundle. */
    public String relativeName(@ExchangeProperty(RouteProperties.MODEL_BUNDLE) String bundle,
                               @Header("CamelAwsS3Key") String key) {
        String prefix = prefix(bundle);
        if (!key.startsWith(prefix) || key.length() == prefix.length() || key.contains("..")) {
            throw new ModelBundleException("s3 key " + key + ": not a file under " + prefix);
        }
        return key.substring(prefix.length());
    }

    /**
     * Removes every download of the bundle but {@code serving}; other bundles' downloads stay.
     * Folders outside the cache are left alone.
     */
    public void keepOnly(String bundle, Path serving) {
        if (!serving.toAbsolutePath().startsWith(root.toAbsolutePath()) || !Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.toList()) {
                if (folder.getFileName().toString().startsWith(folderPrefix(bundle))
                        && !folder.toAbsolutePath().equals(serving.toAbsolutePath())) {
                    delete(folder);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Called when reading the bundle from S3 failed: removes the download's folder and forgets
     * the listing it fetched, so that the next poll tries again (a failed poll leaves both
     * alone), and fails again with the failure named for what it is. An error of the AWS SDK,
     * or an I/O error while an object was read, is the model store being unavailable; a
     * failure to write the cache, or anything else, fails as it came.
     *
     * @param folder the download's folder, or {@code null} for a poll's listing
     */
    public void failed(@ExchangeProperty(RouteProperties.MODEL_BUNDLE) String bundle,
                       @ExchangeProperty(RouteProperties.BUNDLE_FOLDER) String folder,
                       @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught) {
        if (folder != null) {
            if (bundle != null) {
                fetched.remove(bundle);
            }
            discard(Path.of(folder));
        }
        for (Throwable cause = caught; cause != null; cause = cause.getCause()) {
            if (cause instanceof GenericFileOperationFailedException) {
                break;
            }
            if (cause instanceof SdkException || cause instanceof IOException) {
                throw new ModelStoreUnavailableException("The model store (S3) is unavailable: "
                        + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
            }
        }
        if (caught instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(caught);
    }

    /** Removes a refused download. */
    public void discard(Path folder) {
        if (folder.toAbsolutePath().startsWith(root.toAbsolutePath())) {
            delete(folder);
        }
    }

    private static String folderPrefix(String bundle) {
        return bundle + "-";
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path file : all) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

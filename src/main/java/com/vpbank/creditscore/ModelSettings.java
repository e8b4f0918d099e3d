package com.vpbank.creditscore;

import com.vpbank.creditscore.api.ModelBundles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The settings of the models: where the champion and the challenger bundles come from, and
 * how the models run.
 *
 * @param modelsDir folder of the champion bundle, when it is not read from S3 ({@code MODELS_DIR})
 * @param bucket S3 bucket of the bundles; empty: the bundles come from folders ({@code ML_DATA_BUCKET})
 * @param championPrefix S3 key prefix of the champion bundle ({@code MODEL_PREFIX})
 * @param challengerPrefix S3 key prefix of the challenger bundle; empty: none in S3 ({@code CHALLENGER_PREFIX})
 * @param challengerDir folder of the challenger bundle; empty: none ({@code CHALLENGER_DIR})
 * @param cacheDir where bundles read from S3 are written before they are loaded ({@code MODEL_CACHE_DIR})
 * @param pollInterval how often the bundles in S3 are checked for changes; zero: never ({@code MODEL_POLL_INTERVAL})
 * @param onnxThreads ONNX Runtime threads per model call ({@code ONNX_INTRA_OP_THREADS})
 * @param modelTimeout time budget of one model for one request ({@code MODEL_TIMEOUT_MS})
 * @param modelPoolSize threads that run the existing-customer models in parallel ({@code MODEL_POOL_SIZE})
 * @param s3Endpoint an S3-compatible endpoint instead of AWS's ({@code S3_ENDPOINT_URL})
 * @param s3Region the region of the bucket ({@code AWS_DEFAULT_REGION}); none: us-east-1
 * @param s3CallTimeout time budget of one S3 call ({@code S3_CALL_TIMEOUT_MS})
 */
record ModelSettings(String modelsDir, String bucket, String championPrefix, String challengerPrefix,
        String challengerDir, Path cacheDir, Duration pollInterval, int onnxThreads, Duration modelTimeout,
        int modelPoolSize, Optional<URI> s3Endpoint, Optional<String> s3Region, Duration s3CallTimeout) {

    private static final Duration DEFAULT_S3_CALL_TIMEOUT = Duration.ofSeconds(10);

    static ModelSettings from(PropertiesComponent properties) {
        Settings settings = new Settings(properties);
        return new ModelSettings(
                settings.text("creditscore.models-dir"),
                settings.text("creditscore.models.bucket"),
                settings.text("creditscore.models.prefix"),
                settings.text("creditscore.challenger.prefix"),
                settings.text("creditscore.challenger.dir"),
                settings.path("creditscore.models.cache-dir"),
                settings.duration("creditscore.models.poll-interval-seconds", ChronoUnit.SECONDS),
                settings.wholeNumber("creditscore.onnx-intra-op-threads"),
                settings.duration("creditscore.model-timeout-ms", ChronoUnit.MILLIS),
                // Camel's thread-pool profile of the model pool, which the predict route runs on.
                settings.wholeNumber("camel.threadpool.config[modelPool].pool-size"),
                settings.optionalUri("creditscore.models.s3-endpoint"),
                settings.optionalText("creditscore.models.s3-region"),
                settings.optionalDuration("creditscore.models.s3-call-timeout-ms", ChronoUnit.MILLIS)
                        .orElse(DEFAULT_S3_CALL_TIMEOUT));
    }

    /** True when the bundles are read from S3 (ML_DATA_BUCKET set). */
    boolean fromS3() {
        return !bucket.isEmpty();
    }

    ModelBundles.Source championSource() {
        return new ModelBundles.Source(fromS3(), modelsDir);
    }

    ModelBundles.Source challengerSource() {
        return fromS3() && !challengerPrefix.isEmpty()
                ? new ModelBundles.Source(true, "")
                : new ModelBundles.Source(false, challengerDir);
    }

    /** True when a challenger bundle is configured, in S3 or in a folder. */
    boolean challengerConfigured() {
        return challengerSource().configured();
    }

    /** True when the bundles in S3 are checked for changes. */
    boolean polling() {
        return fromS3() && !pollInterval.isNegative() && !pollInterval.isZero();
    }
}

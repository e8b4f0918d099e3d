package com.vpbank.creditscore;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The service's settings ({@code application.properties}, each mapped to an environment
 * variable) read as typed values. A value that is not of its type stops the start with an
 * error that names the setting and the value.
 */
final class Settings {

    private final PropertiesComponent properties;

    Settings(PropertiesComponent properties) {
        this.properties = properties;
    }

    /** The value, trimmed; empty when the setting is not there. */
    String text(String key) {
        return properties.resolveProperty(key).orElse("").trim();
    }

    /** The value, or nothing when it is empty. */
    Optional<String> optionalText(String key) {
        String value = text(key);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** True only for {@code true} (any case), as {@link Boolean#parseBoolean} reads it. */
    boolean flag(String key) {
        return Boolean.parseBoolean(text(key));
    }

    int wholeNumber(String key) {
        String value = text(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(key, value, "a whole number");
        }
    }

    long longNumber(String key) {
        String value = text(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(key, value, "a whole number");
        }
    }

    /** A duration given as a whole number of {@code unit}s. */
    Duration duration(String key, ChronoUnit unit) {
        return Duration.of(longNumber(key), unit);
    }

    /** A duration given as a whole number of {@code unit}s, or nothing when it is empty. */
    Optional<Duration> optionalDuration(String key, ChronoUnit unit) {
        return text(key).isEmpty() ? Optional.empty() : Optional.of(duration(key, unit));
    }

    /** An address such as {@code http://localhost:8000}, or nothing when it is empty. */
    Optional<URI> optionalUri(String key) {
        String value = text(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(value));
        } catch (URISyntaxException e) {
            throw invalid(key, value, "an address (" + e.getReason() + ")");
        }
    }

    Path path(String key) {
        String value = text(key);
        try {
            return Path.of(value);
        } catch (IllegalArgumentException e) {
            throw invalid(key, value, "a path");
        }
    }

    private static IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException("The setting " + key + " must be " + expected + ", not '" + value + "'");
    }
}

package com.vpbank.creditscore.time;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one form of every timestamp the service answers and stores: ISO-8601 UTC with
 * milliseconds and a {@code Z} ({@code 2025-11-08T10:30:00.123Z}); fixed width, so it sorts
 * as text.
 */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}

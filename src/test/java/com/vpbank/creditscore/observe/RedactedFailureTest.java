package com.vpbank.creditscore.observe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RedactedFailureTest {

    @Test
    void keepsTheClassesAndStackTracesOfTheChainAndNoMessage() {
        IllegalStateException cause = new IllegalStateException("features: [0.51, 0.77]");
        RuntimeException failure = new RuntimeException("bean failed on {\"traditional\": [0.5, 0.8]}", cause);

        RedactedFailure redacted = RedactedFailure.of(failure);

        StringWriter printed = new StringWriter();
        redacted.printStackTrace(new PrintWriter(printed));
        assertFalse(printed.toString().contains("0.5"), printed.toString());
        assertEquals("java.lang.RuntimeException (message withheld from the log)", redacted.getMessage());
        assertEquals("java.lang.IllegalStateException (message withheld from the log)", redacted.getCause().getMessage());
        assertArrayEquals(failure.getStackTrace(), redacted.getStackTrace());
        assertArrayEquals(cause.getStackTrace(), redacted.getCause().getStackTrace());
    }
}

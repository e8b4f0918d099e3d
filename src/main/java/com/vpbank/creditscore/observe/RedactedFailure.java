package com.vpbank.creditscore.observe;

/**
 * An unexpected failure as the log may show it: each exception of the chain by its class and
 * its stack trace, never its message. A message can quote what the failing step held (Camel's
 * bean errors print the message body, which holds a request's features), and logs never carry
 * feature values.
 */
public final class RedactedFailure extends RuntimeException {

    private RedactedFailure(Throwable original, RedactedFailure cause) {
        super(original.getClass().getName() + " (message withheld from the log)", cause, false, true);
        setStackTrace(original.getStackTrace());
    }

    /** The chain of {@code failure}, each link by class and stack trace only. */
    public static RedactedFailure of(Throwable failure) {
        return redact(failure, 0);
    }

    private static RedactedFailure redact(Throwable failure, int depth) {
        Throwable cause = failure.getCause();
        RedactedFailure redactedCause = cause == null || cause == failure || depth > 20 ? null : redact(cause, depth + 1);
        return new RedactedFailure(failure, redactedCause);
    }
}

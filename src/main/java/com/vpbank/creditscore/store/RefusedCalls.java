package com.vpbank.creditscore.store;

import java.util.Arrays;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Tells a failed DynamoDB call that DynamoDB refused on every attempt from one whose outcome
 * is unknown. The AWS SDK retries a throttled call with a growing pause; when the call's
 * time budget runs out during that pause, it throws an {@code ApiCallTimeoutException} that
 * no longer says that every attempt was answered with a 4xx (throttled, or refused as
 * invalid), which DynamoDB never applies. This interceptor watches each attempt of the call:
 * when every attempt that was sent got a 4xx answer, and none was on its way when the call
 * failed, it adds an {@link EveryAttemptRefused} to the failure's suppressed exceptions.
 */
public final class RefusedCalls implements ExecutionInterceptor {

    private static final ExecutionAttribute<Boolean> ATTEMPT_ON_ITS_WAY = new ExecutionAttribute<>("creditscore.attemptOnItsWay");
    private static final ExecutionAttribute<Boolean> MAY_HAVE_BEEN_APPLIED =
            new ExecutionAttribute<>("creditscore.mayHaveBeenApplied");

    /** Marks a failed call none of whose attempts DynamoDB applied. */
    public static final class EveryAttemptRefused extends RuntimeException {
        EveryAttemptRefused() {
            super("Every attempt of the call was refused by DynamoDB (4xx); none was applied", null, false, false);
        }
    }

    /** Whether {@code failure} is a call that DynamoDB refused on every attempt. */
    public static boolean everyAttemptRefused(Throwable failure) {
        return Arrays.stream(failure.getSuppressed()).anyMatch(EveryAttemptRefused.class::isInstance);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(ATTEMPT_ON_ITS_WAY, true);
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        int status = context.httpResponse().statusCode();
        if (status < 400 || status >= 500) {
            attributes.putAttribute(MAY_HAVE_BEEN_APPLIED, true);
        }
        attributes.putAttribute(ATTEMPT_ON_ITS_WAY, false);
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        boolean sent = attributes.getAttribute(ATTEMPT_ON_ITS_WAY) != null;
        if (sent && !Boolean.TRUE.equals(attributes.getAttribute(ATTEMPT_ON_ITS_WAY))
                && !Boolean.TRUE.equals(attributes.getAttribute(MAY_HAVE_BEEN_APPLIED))
                && !everyAttemptRefused(failure)) {
            failure.addSuppressed(new EveryAttemptRefused());
        }
        return failure;
    }
}

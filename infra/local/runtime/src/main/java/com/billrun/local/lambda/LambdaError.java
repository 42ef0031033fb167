package com.billrun.local.lambda;

import java.util.Arrays;
import java.util.List;

/**
 * A failed invocation as the Java runtime reports it: {@code errorType} is the exception's fully qualified class
 * name (that is what Step Functions' {@code ErrorEquals} matches), {@code errorMessage} its message or, without
 * one, the class name again.
 */
public record LambdaError(String errorType, String errorMessage, List<String> stackTrace) {

    public static final String TIMEOUT = "Sandbox.Timedout";

    static LambdaError of(Throwable thrown) {
        String message = thrown.getLocalizedMessage() == null ? thrown.getClass().getName() : thrown.getLocalizedMessage();
        List<String> trace = Arrays.stream(thrown.getStackTrace()).map(StackTraceElement::toString).toList();
        return new LambdaError(thrown.getClass().getName(), message, trace);
    }

    static LambdaError timeout(String requestId, java.time.Duration timeout) {
        return new LambdaError(TIMEOUT, "RequestId: %s Error: Task timed out after %.2f seconds"
                .formatted(requestId, timeout.toMillis() / 1000.0), List.of());
    }
}

package com.billrun.local.sfn;

/**
 * A function error as Lambda reports it: {@code errorType} (for Java, the exception's class name, e.g.
 * {@code java.lang.IllegalStateException}) and {@code errorMessage}. Step Functions uses the errorType as the
 * state's Error name. A runner that cannot find the function should use {@link #FUNCTION_NOT_FOUND}; one whose
 * function timed out or crashed, {@link #UNKNOWN}.
 */
public class LambdaInvocationException extends Exception {
    public static final String FUNCTION_NOT_FOUND = "Lambda.ResourceNotFoundException";
    public static final String UNKNOWN = "Lambda.Unknown";

    private final String errorType;
    private final String errorMessage;

    public LambdaInvocationException(String errorType, String errorMessage) {
        this(errorType, errorMessage, null);
    }

    public LambdaInvocationException(String errorType, String errorMessage, Throwable cause) {
        super(errorType + ": " + errorMessage, cause);
        this.errorType = errorType;
        this.errorMessage = errorMessage;
    }

    /** Wraps an exception thrown by an in-process handler the way the Java runtime reports it. */
    public static LambdaInvocationException of(Throwable thrown) {
        return new LambdaInvocationException(thrown.getClass().getName(), String.valueOf(thrown.getMessage()), thrown);
    }

    public String errorType() {
        return errorType;
    }

    public String errorMessage() {
        return errorMessage;
    }
}

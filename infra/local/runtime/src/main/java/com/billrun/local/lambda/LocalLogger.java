package com.billrun.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;

/**
 * One invocation's {@link LambdaLogger}: what the function writes goes to the runtime's {@link LocalLogs}, which knows
 * the function and the request (as CloudWatch shows them side by side) and prints each line in the chosen form.
 */
final class LocalLogger implements LambdaLogger {

    private final LocalLogs logs;
    private final String functionName;
    private final String requestId;

    LocalLogger(LocalLogs logs, String functionName, String requestId) {
        this.logs = logs;
        this.functionName = functionName;
        this.requestId = requestId;
    }

    @Override
    public void log(String message) {
        logs.function(functionName, requestId, message, "INFO");
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void log(String message, LogLevel level) {
        logs.function(functionName, requestId, message, level == null || level == LogLevel.UNDEFINED ? "INFO" : level.name());
    }
}

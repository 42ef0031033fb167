package com.billrun.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Prints each line prefixed with the function name and request id, as CloudWatch shows them side by side. */
final class LocalLogger implements LambdaLogger {

    private final String prefix;
    private final PrintStream out;

    LocalLogger(String functionName, String requestId, PrintStream out) {
        this.prefix = "[" + functionName + " " + requestId.substring(0, 8) + "] ";
        this.out = out;
    }

    @Override
    public void log(String message) {
        out.println(prefix + message.stripTrailing());
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void log(String message, LogLevel level) {
        log(level + " " + message);
    }
}

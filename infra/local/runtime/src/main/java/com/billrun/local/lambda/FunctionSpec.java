package com.billrun.local.lambda;

import java.time.Duration;
import java.util.Map;

/**
 * A Lambda function as template.yaml declares it: name, handler class, its environment variables (merged over
 * the stack's by the caller), timeout and memory.
 */
public record FunctionSpec(String name, Class<?> handlerClass, Map<String, String> env, Duration timeout, int memoryMb) {

    public FunctionSpec {
        env = Map.copyOf(env);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    public FunctionSpec(String name, Class<?> handlerClass, Map<String, String> env) {
        this(name, handlerClass, env, Duration.ofSeconds(30), 512);
    }
}

package com.billrun.local.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The outcome of one invocation: the response payload (JSON) or the function error, never both. */
public record Invocation(String requestId, byte[] payload, Optional<LambdaError> error, Duration duration) {

    public boolean failed() {
        return error.isPresent();
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}

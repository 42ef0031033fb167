package com.billrun.functions;

import com.billrun.aws.Background;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * Reads the {@code {Error, Cause}} a state machine's Catch passes on into one line a person can read. A Lambda's
 * Cause is its error document ({@code {"errorMessage", "errorType", "stackTrace"}}) as a string: the message is
 * what matters; other causes (States.Timeout, a SendTaskFailure's cause) are plain text.
 */
public final class StepFunctionsFailure {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StepFunctionsFailure() {
    }

    /** Jackson's one-time set-up for reading a cause, in the background (a handler's constructor starts it). */
    public static void warmUp() {
        Background.warmUp("json-warm-up", () -> describe(Map.of("Error", "E", "Cause", "{\"errorMessage\":\"m\"}")));
    }

    /** Null when {@code error} is not a Catch's {@code {Error, Cause}} object. */
    public static String describe(Object error) {
        if (!(error instanceof Map<?, ?> caught)) {
            return null;
        }
        String name = String.valueOf(caught.get("Error"));
        Object cause = caught.get("Cause");
        return cause == null ? name : name + ": " + message(cause.toString());
    }

    private static String message(String cause) {
        try {
            JsonNode document = JSON.readTree(cause);
            if (document != null && document.hasNonNull("errorMessage")) {
                return document.get("errorMessage").asText();
            }
        } catch (Exception notJson) {
            // a plain-text cause
        }
        return cause;
    }
}

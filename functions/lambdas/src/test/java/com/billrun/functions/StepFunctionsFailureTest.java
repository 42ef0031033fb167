package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a Catch's {@code {Error, Cause}} becomes in a run's errorCause and the initiator's email. */
class StepFunctionsFailureTest {

    @Test
    void aLambdaErrorReadsAsItsNameAndMessageWithoutTheStackTrace() {
        String cause = "{\"errorMessage\":\"DynamoDB is unreachable: connect timed out\","
                + "\"errorType\":\"com.billrun.store.TransientStoreException\",\"stackTrace\":[\"at ...\"]}";

        assertEquals("com.billrun.store.TransientStoreException: DynamoDB is unreachable: connect timed out",
                StepFunctionsFailure.describe(Map.of("Error", "com.billrun.store.TransientStoreException", "Cause", cause)));
    }

    @Test
    void aPlainCauseIsKeptAsItIs() {
        assertEquals("States.Timeout: the task did not finish in time",
                StepFunctionsFailure.describe(Map.of("Error", "States.Timeout", "Cause", "the task did not finish in time")));
        assertEquals("States.HeartbeatTimeout", StepFunctionsFailure.describe(Map.of("Error", "States.HeartbeatTimeout")));
        assertNull(StepFunctionsFailure.describe("not a Catch result"));
    }
}

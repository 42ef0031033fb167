package com.billrun.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.handlers.ContextProbe;
import com.billrun.local.handlers.EchoStreamHandler;
import com.billrun.local.sfn.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LambdaRunnerTest {

    private final LambdaRunner runner = new LambdaRunner("us-east-1", "000000000000");

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void theContextNamesTheFunctionAndItsRemainingTimeCountsDownFromTheTimeout() throws Exception {
        runner.register(new FunctionSpec("prepare", ContextProbe.class, Map.of("TABLE_NAME", "billrun"), Duration.ofSeconds(5), 1024));

        Invocation invocation = runner.invoke("prepare", "{\"workMillis\": 300}");

        assertFalse(invocation.failed(), invocation.payloadText());
        JsonNode report = Json.MAPPER.readTree(invocation.payload());
        assertEquals("prepare", report.get("functionName").asText());
        assertEquals(invocation.requestId(), report.get("requestId").asText());
        assertEquals(1024, report.get("memoryMb").asInt());
        assertEquals("billrun", report.get("tableName").asText(), "the function's own env map reaches its constructor");
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:prepare", report.get("invokedArn").asText());
        int before = report.get("remainingBefore").asInt();
        int after = report.get("remainingAfter").asInt();
        assertTrue(before <= 5000 && before > 0, "remaining at start: " + before);
        assertTrue(after <= before - 300, "remaining after 300 ms of work: " + after + " (at start " + before + ")");
    }

    @Test
    void aThrownExceptionIsReportedAsLambdaReportsIt() throws Exception {
        runner.register(new FunctionSpec("prepare", ContextProbe.class, Map.of()));

        Invocation invocation = runner.invoke("prepare", "{\"fail\": \"target date missing\"}");

        assertTrue(invocation.failed());
        LambdaError error = invocation.error().orElseThrow();
        assertEquals(ContextProbe.BillRunRejected.class.getName(), error.errorType());
        assertEquals("target date missing", error.errorMessage());
        JsonNode payload = Json.MAPPER.readTree(invocation.payload());
        assertEquals(error.errorType(), payload.get("errorType").asText());
        assertEquals("target date missing", payload.get("errorMessage").asText());
    }

    @Test
    void anInvocationLongerThanTheTimeoutFailsAsSandboxTimedout() {
        runner.register(new FunctionSpec("slow", ContextProbe.class, Map.of(), Duration.ofMillis(300), 128));

        Invocation invocation = runner.invoke("slow", "{\"workMillis\": 5000}");

        assertEquals(LambdaError.TIMEOUT, invocation.error().orElseThrow().errorType());
        assertTrue(invocation.error().orElseThrow().errorMessage().contains("Task timed out after 0.30 seconds"));
        assertFalse(runner.invoke("slow", "{\"workMillis\": 0}").failed(), "a fresh container serves the next call");
    }

    @Test
    void aStreamHandlerGetsTheRawPayloadAndAFunctionCanBeCalledByItsArnAsStepFunctionsDoes() {
        runner.register(new FunctionSpec("echo", EchoStreamHandler.class, Map.of()));

        assertEquals("{\"any\":[1,2]}", runner.invoke("echo", "{\"any\":[1,2]}").payloadText());
        assertEquals("{}", runner.invoke("arn:aws:lambda:us-east-1:000000000000:function:echo:live", "{}").payloadText());
    }

    @Test
    void aHandlerWithoutTheMapConstructorIsRefusedAtRegistration() {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> runner.register(new FunctionSpec("bad", NoEnvConstructor.class, Map.of())));
        assertTrue(refused.getMessage().contains("Map<String,String>"));
    }

    public static final class NoEnvConstructor implements com.amazonaws.services.lambda.runtime.RequestHandler<String, String> {
        @Override
        public String handleRequest(String input, com.amazonaws.services.lambda.runtime.Context context) {
            return input;
        }
    }
}

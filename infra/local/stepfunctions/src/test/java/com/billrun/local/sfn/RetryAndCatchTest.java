package com.billrun.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.sfn.definition.Retrier;
import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.ExecutionStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** AWS "Handling errors in Step Functions workflows": Retry, Catch, error names. */
class RetryAndCatchTest {
    private static final String FLAKY = "arn:aws:lambda:us-east-1:123456789012:function:Flaky";

    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<Long> callTimes = new CopyOnWriteArrayList<>();
    private final LocalSfn sfn = new LocalSfn((function, payload) -> {
        callTimes.add(System.nanoTime());
        if (function.endsWith("Slow")) {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return payload;
        }
        if (failuresLeft.getAndDecrement() > 0) {
            throw LambdaInvocationException.of(new IllegalStateException("account 42 has no currency"));
        }
        return Json.parse("{\"ok\": true}");
    });

    @AfterEach
    void close() {
        sfn.close();
    }

    @Test
    @DisplayName("AWS Retry: MaxAttempts 3 retries three times, then the error goes on (4 calls in all)")
    void retriesUpToMaxAttempts() throws Exception {
        failuresLeft.set(10);
        Execution execution = sfn.run(task("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], \"IntervalSeconds\": 1, \"MaxAttempts\": 3}]"), "{}");

        assertEquals(ExecutionStatus.FAILED, execution.status());
        assertEquals("java.lang.IllegalStateException", execution.error());
        assertEquals(4, callTimes.size());
    }

    @Test
    @DisplayName("AWS Retry: 'A value of 0 ... never retried'; a success after two failures returns the result")
    void maxAttemptsZeroAndRecovery() throws Exception {
        failuresLeft.set(1);
        Execution never = sfn.run(task("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], \"MaxAttempts\": 0}]"), "{}");
        assertEquals(1, callTimes.size());
        assertEquals(ExecutionStatus.FAILED, never.status());

        callTimes.clear();
        failuresLeft.set(2);
        Execution recovered = sfn.run(task("\"Retry\": [{\"ErrorEquals\": [\"java.lang.IllegalStateException\"], \"IntervalSeconds\": 1}]"), "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, recovered.status());
        assertEquals(3, callTimes.size());
    }

    @Test
    @DisplayName("AWS Retry: the waits are IntervalSeconds × BackoffRate^n, measured with the time scale (1 s = 10 ms)")
    void backoffIsMeasured() throws Exception {
        failuresLeft.set(3);
        sfn.run(task("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], \"IntervalSeconds\": 3, \"BackoffRate\": 2, \"MaxAttempts\": 3}]"), "{}");

        assertEquals(4, callTimes.size());
        double[] expectedMillis = {30, 60, 120};
        for (int i = 0; i < 3; i++) {
            double gapMillis = (callTimes.get(i + 1) - callTimes.get(i)) / 1e6;
            assertTrue(gapMillis >= expectedMillis[i] * 0.95, "retry " + (i + 1) + " waited " + gapMillis + " ms");
            assertTrue(gapMillis < expectedMillis[i] + 2_000, "retry " + (i + 1) + " waited " + gapMillis + " ms");
        }
    }

    @Test
    @DisplayName("AWS Retry: MaxDelaySeconds caps the backoff; FULL jitter waits a random part of it")
    void retrierDelays() {
        Retrier capped = new Retrier(List.of("States.ALL"), 2, 10, 3.0, 10, Retrier.Jitter.NONE);
        assertEquals(2.0, capped.delaySeconds(1, 0.5));
        assertEquals(6.0, capped.delaySeconds(2, 0.5));
        assertEquals(10.0, capped.delaySeconds(3, 0.5));
        Retrier jittered = new Retrier(List.of("States.ALL"), 4, 3, 2.0, null, Retrier.Jitter.FULL);
        assertEquals(4.0, jittered.delaySeconds(2, 0.5));
        assertEquals(0.0, jittered.delaySeconds(2, 0.0));
    }

    @Test
    @DisplayName("AWS Catch: the Lambda's errorType is the Error; ResultPath puts {Error, Cause} into the state input")
    void catchWithResultPath() throws Exception {
        failuresLeft.set(1);
        Execution execution = sfn.run("""
                {"StartAt": "Invoice", "States": {
                  "Invoice": {"Type": "Task", "Resource": "%s", "Next": "Done",
                    "Catch": [{"ErrorEquals": ["java.lang.IllegalStateException"], "ResultPath": "$.failure", "Next": "Recover"}]},
                  "Recover": {"Type": "Pass", "End": true},
                  "Done": {"Type": "Succeed"}}}""".formatted(FLAKY), "{\"accountId\": \"42\"}");

        JsonNode out = LocalSfn.output(execution);
        assertEquals("42", out.get("accountId").textValue());
        assertEquals("java.lang.IllegalStateException", out.at("/failure/Error").textValue());
        JsonNode cause = Json.parse(out.at("/failure/Cause").textValue());
        assertEquals("account 42 has no currency", cause.get("errorMessage").textValue());
        assertEquals("java.lang.IllegalStateException", cause.get("errorType").textValue());
        assertTrue(LocalSfn.eventTypes(execution).contains("LambdaFunctionFailed"));
    }

    @Test
    @DisplayName("AWS Catch: retriers run first, then the first matching catcher; States.TaskFailed does not match States.Timeout")
    void retryThenCatchAndTaskFailedWildcard() throws Exception {
        failuresLeft.set(10);
        Execution caught = sfn.run(task("""
                "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 1, "MaxAttempts": 1}],
                "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Caught"}]"""), "{}");
        assertEquals("caught", LocalSfn.output(caught).textValue());
        assertEquals(2, callTimes.size());

        Execution timedOut = sfn.run("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 1,
                    "Parameters": {"FunctionName": "Slow", "Payload": {}}, "End": true,
                    "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Caught"},
                              {"ErrorEquals": ["States.Timeout"], "ResultPath": "$.timeout", "Next": "TimedOut"}]},
                  "Caught": {"Type": "Pass", "Result": "wrong catcher", "End": true},
                  "TimedOut": {"Type": "Pass", "End": true}}}""", "{}");
        assertEquals("States.Timeout", LocalSfn.output(timedOut).at("/timeout/Error").textValue());
        assertTrue(LocalSfn.eventTypes(timedOut).contains("TaskTimedOut"));
    }

    @Test
    @DisplayName("A Fail state ends the execution with its Error and Cause")
    void failState() throws Exception {
        Execution execution = sfn.run("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "BillRun.Failed", "Cause": "no accounts"}}}""", "{}");

        assertEquals(ExecutionStatus.FAILED, execution.status());
        assertEquals("BillRun.Failed", execution.error());
        assertEquals("no accounts", execution.cause());
        assertEquals(List.of("ExecutionStarted", "FailStateEntered", "ExecutionFailed"), LocalSfn.eventTypes(execution));
    }

    private static String task(String errorHandling) {
        return """
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "%s", "End": true, %s},
                  "Caught": {"Type": "Pass", "Result": "caught", "End": true}}}""".formatted(FLAKY, errorHandling);
    }
}

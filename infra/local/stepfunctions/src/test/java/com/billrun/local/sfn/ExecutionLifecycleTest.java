package com.billrun.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.ExecutionStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Executions as a whole: stop, time out, idempotent start, the bound on concurrent executions. */
class ExecutionLifecycleTest {
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final AtomicInteger interrupted = new AtomicInteger();
    private final CountDownLatch busy = new CountDownLatch(3);
    private final LocalSfn sfn = new LocalSfn((function, payload) -> {
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        busy.countDown();
        try {
            Thread.sleep(function.endsWith("Forever") ? 60_000 : 30);
            return payload;
        } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            throw new LambdaInvocationException(LambdaInvocationException.UNKNOWN, "interrupted");
        } finally {
            running.decrementAndGet();
        }
    });

    @AfterEach
    void close() {
        sfn.close();
    }

    @Test
    @DisplayName("StopExecution during a Map: ABORTED, running iterations and functions are interrupted, the history ends with ExecutionAborted")
    void stopDuringMap() throws Exception {
        String arn = sfn.engine.register("stoppable", """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 3, "End": true,
                  "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task",
                    "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Forever", "End": true}}}}}}""", Map.of()).arn();
        Execution execution = sfn.engine.startExecution(arn, "stop-me", "[1, 2, 3, 4, 5]");
        assertTrue(busy.await(10, TimeUnit.SECONDS));

        sfn.engine.stopExecution(execution.arn(), "Operator.Stop", "stopped in the middle of the Map");

        assertEquals(ExecutionStatus.ABORTED, execution.status());
        assertEquals("Operator.Stop", execution.error());
        List<String> events = LocalSfn.eventTypes(execution);
        assertEquals("ExecutionAborted", events.getLast());
        for (int i = 0; i < 500 && interrupted.get() < 3; i++) {
            Thread.sleep(10);
        }
        assertEquals(3, interrupted.get(), "the three running functions are interrupted");
        assertEquals(3, maxRunning.get(), "no iteration started after the stop");
        assertEquals(events, LocalSfn.eventTypes(execution), "nothing is recorded after ExecutionAborted");
    }

    @Test
    @DisplayName("AWS top-level TimeoutSeconds: the execution ends TIMED_OUT with States.Timeout")
    void executionTimeout() throws Exception {
        Execution execution = sfn.run("""
                {"TimeoutSeconds": 2, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1000, "End": true}}}""", "{}");

        assertEquals(ExecutionStatus.TIMED_OUT, execution.status());
        assertEquals("States.Timeout", execution.error());
        assertEquals("ExecutionTimedOut", LocalSfn.eventTypes(execution).getLast());
    }

    @Test
    @DisplayName("AWS StartExecution is idempotent for the same name and input while the execution runs")
    void idempotentStart() throws Exception {
        String arn = sfn.engine.register("idem", """
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1000, "End": true}}}""", Map.of()).arn();

        Execution first = sfn.engine.startExecution(arn, "run-1", "{\"a\": 1}");
        assertSame(first, sfn.engine.startExecution(arn, "run-1", "{\"a\": 1}"));
        SfnException different = org.junit.jupiter.api.Assertions.assertThrows(SfnException.class,
                () -> sfn.engine.startExecution(arn, "run-1", "{\"a\": 2}"));
        assertEquals("ExecutionAlreadyExists", different.errorCode());
        sfn.engine.stopExecution(first.arn(), null, null);
    }

    @Test
    @DisplayName("Executions run on a bounded pool: with 2 slots, never more than 2 run at once")
    void boundedExecutions() throws Exception {
        try (StepFunctionsEngine engine = new StepFunctionsEngine(EngineSettings.defaults().withTimeScale(LocalSfn.FAST)
                .withLimits(2, 25_000, 100), (function, payload) -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(30);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    return payload;
                }, () -> null)) {
            String arn = engine.register("bounded", """
                    {"StartAt": "T", "States": {"T": {"Type": "Task",
                      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Work", "End": true}}}""", Map.of()).arn();
            List<Execution> executions = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                executions.add(engine.startExecution(arn, null, "{}"));
            }
            for (Execution execution : executions) {
                assertEquals(ExecutionStatus.SUCCEEDED, engine.awaitCompletion(execution.arn(), Duration.ofSeconds(20)).status());
            }
            assertTrue(maxRunning.get() <= 2, "max concurrent executions " + maxRunning.get());
        }
    }

    @Test
    @DisplayName("TimeoutSecondsPath, and a Fail state's ErrorPath/CausePath, read their values from the state input")
    void pathVariants() throws Exception {
        Execution timedOut = sfn.run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "TimeoutSecondsPath": "$.limit",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Forever", "End": true}}}""", "{\"limit\": 1}");
        assertEquals("States.Timeout", timedOut.error());

        Execution failed = sfn.run("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.e", "CausePath": "States.Format('run {} failed', $.id)"}}}""",
                "{\"e\": \"BillRun.Failed\", \"id\": \"BR-3\"}");
        assertEquals("BillRun.Failed", failed.error());
        assertEquals("run BR-3 failed", failed.cause());
    }
}

package com.billrun.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.ExecutionStatus;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** AWS "Map workflow state" (inline), Parallel, Wait and Pass. */
class MapAndFlowTest {
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final LocalSfn sfn = new LocalSfn((function, payload) -> {
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(20);
            if (payload.path("batch").asText().equals("bad")) {
                throw new LambdaInvocationException("BatchRejected", "batch bad");
            }
            return Json.object().put("done", payload.path("batch").asText()).put("index", payload.path("index").asInt());
        } catch (InterruptedException e) {
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
    @DisplayName("AWS Map: MaxConcurrency 3 is never exceeded (measured), results keep the items' order")
    void maxConcurrencyIsNeverExceeded() throws Exception {
        String batches = String.join(",", Collections.nCopies(12, "\"b\""));
        Execution execution = sfn.run(map(3, ""), "{\"run\": \"r1\", \"batchIds\": [" + batches + "]}");

        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
        assertTrue(maxRunning.get() <= 3, "max concurrent iterations " + maxRunning.get());
        assertTrue(maxRunning.get() >= 2, "iterations should overlap, max was " + maxRunning.get());
        var results = LocalSfn.output(execution).get("results");
        assertEquals(12, results.size());
        for (int i = 0; i < 12; i++) {
            assertEquals(i, results.get(i).get("index").intValue());
        }
    }

    @Test
    @DisplayName("AWS Map: ItemSelector sees $ (the Map's input) and $$.Map.Item.Index/Value")
    void itemSelector() throws Exception {
        Execution execution = sfn.run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.ids", "End": true,
                  "ItemSelector": {"run.$": "$.run", "index.$": "$$.Map.Item.Index", "id.$": "$$.Map.Item.Value"},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "P",
                    "States": {"P": {"Type": "Pass", "End": true}}}}}}""", "{\"run\": \"r1\", \"ids\": [\"a\", \"b\"]}");

        assertEquals(Json.parse("[{\"run\": \"r1\", \"index\": 0, \"id\": \"a\"}, {\"run\": \"r1\", \"index\": 1, \"id\": \"b\"}]"),
                LocalSfn.output(execution));
        List<String> events = LocalSfn.eventTypes(execution);
        assertTrue(events.containsAll(List.of("MapStateEntered", "MapStateStarted", "MapIterationStarted",
                "MapIterationSucceeded", "MapStateSucceeded", "MapStateExited")), events.toString());
    }

    @Test
    @DisplayName("AWS Map: a failing iteration fails the Map with its error, which the Map's Catch catches")
    void failingIterationIsCaught() throws Exception {
        Execution execution = sfn.run(map(2, """
                , "Catch": [{"ErrorEquals": ["BatchRejected"], "ResultPath": "$.error", "Next": "Failed"}]"""),
                "{\"run\": \"r1\", \"batchIds\": [\"ok\", \"bad\", \"ok\", \"ok\", \"ok\"]}");

        assertEquals("BatchRejected", LocalSfn.output(execution).at("/error/Error").textValue());
        assertTrue(LocalSfn.eventTypes(execution).contains("MapIterationFailed"));
        assertTrue(LocalSfn.eventTypes(execution).contains("MapStateFailed"));
    }

    @Test
    @DisplayName("Legacy Map fields: Iterator and Parameters still work as ItemProcessor and ItemSelector")
    void legacyIteratorAndParameters() throws Exception {
        Execution execution = sfn.run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "MaxConcurrency": 1,
                  "Parameters": {"v.$": "$$.Map.Item.Value"},
                  "Iterator": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""", "[1, 2]");

        assertEquals(Json.parse("[{\"v\": 1}, {\"v\": 2}]"), LocalSfn.output(execution));
    }

    @Test
    @DisplayName("AWS Parallel: branches get the same input; the output is the array of branch outputs")
    void parallel() throws Exception {
        Execution execution = sfn.run("""
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$.a", "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Pass", "InputPath": "$.b", "End": true}}}]}}}""",
                "{\"a\": 1, \"b\": 2}");

        assertEquals(Json.parse("[1, 2]"), LocalSfn.output(execution));
    }

    @Test
    @DisplayName("AWS Wait: Seconds, SecondsPath, Timestamp and TimestampPath all wait (scaled) and pass the input on")
    void waits() throws Exception {
        Execution execution = sfn.run("""
                {"StartAt": "W1", "States": {
                  "W1": {"Type": "Wait", "Seconds": 1, "Next": "W2"},
                  "W2": {"Type": "Wait", "SecondsPath": "$.s", "Next": "W3"},
                  "W3": {"Type": "Wait", "Timestamp": "2001-01-01T00:00:00Z", "Next": "W4"},
                  "W4": {"Type": "Wait", "TimestampPath": "$.ts", "End": true}}}""",
                "{\"s\": 2, \"ts\": \"2001-01-01T00:00:00Z\"}");

        assertEquals(Json.parse("{\"s\": 2, \"ts\": \"2001-01-01T00:00:00Z\"}"), LocalSfn.output(execution));
        assertTrue(LocalSfn.eventTypes(execution).contains("WaitStateExited"));
    }

    private static String map(int maxConcurrency, String extra) {
        return """
                {"StartAt": "Batches", "States": {
                  "Batches": {"Type": "Map", "ItemsPath": "$.batchIds", "MaxConcurrency": %d, "ResultPath": "$.results",
                    "ItemSelector": {"batch.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Invoice", "States": {
                      "Invoice": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:InvoiceBatch", "End": true}}},
                    "Next": "Done"%s},
                  "Failed": {"Type": "Pass", "End": true},
                  "Done": {"Type": "Succeed"}}}""".formatted(maxConcurrency, extra);
    }
}

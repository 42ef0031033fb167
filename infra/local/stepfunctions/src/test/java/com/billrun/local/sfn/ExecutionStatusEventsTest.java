package com.billrun.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.sfn.execution.Execution;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The "Step Functions Execution Status Change" events the engine sends, in AWS's shape; none on shutdown. */
class ExecutionStatusEventsTest {

    private final LocalSfn sfn = new LocalSfn((function, payload) -> {
        try {
            Thread.sleep(function.endsWith("Forever") ? 60_000 : 0);
            return payload;
        } catch (InterruptedException e) {
            throw new LambdaInvocationException(LambdaInvocationException.UNKNOWN, "interrupted");
        }
    });
    private final List<ObjectNode> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        sfn.close();
    }

    @Test
    void aFailedExecutionSendsRunningThenFailedWithErrorCauseAndInput() throws Exception {
        sfn.engine.onStatusChange(events::add);
        String arn = sfn.engine.register("failing", """
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "BillRunError", "Cause": "nothing billed"}}}""",
                Map.of()).arn();
        Execution execution = sfn.engine.startExecution(arn, "run-1", "{\"tenantId\":\"acme\",\"billRunId\":\"run-1\"}");
        sfn.engine.awaitCompletion(execution.arn(), Duration.ofSeconds(10));
        awaitEvents(2);

        assertEquals(List.of("RUNNING", "FAILED"), events.stream().map(e -> e.at("/detail/status").asText()).toList());
        JsonNode failed = events.get(1);
        assertEquals("aws.states", failed.get("source").asText());
        assertEquals("Step Functions Execution Status Change", failed.get("detail-type").asText());
        assertEquals("0", failed.get("version").asText());
        assertEquals("123456789012", failed.get("account").asText());
        assertEquals("us-east-1", failed.get("region").asText());
        assertEquals(execution.arn(), failed.get("resources").get(0).asText());
        JsonNode detail = failed.get("detail");
        assertEquals(execution.arn(), detail.get("executionArn").asText());
        assertEquals(arn, detail.get("stateMachineArn").asText());
        assertEquals("run-1", detail.get("name").asText());
        assertEquals("{\"tenantId\":\"acme\",\"billRunId\":\"run-1\"}", detail.get("input").asText());
        assertTrue(detail.get("inputDetails").get("included").asBoolean());
        assertEquals("BillRunError", detail.get("error").asText());
        assertEquals("nothing billed", detail.get("cause").asText());
        assertTrue(detail.get("output").isNull());
        assertEquals(execution.startDate().toEpochMilli(), detail.get("startDate").asLong());
        assertEquals(execution.stopDate().toEpochMilli(), detail.get("stopDate").asLong());
        assertTrue(events.getFirst().at("/detail/stopDate").isNull());
    }

    @Test
    void stopExecutionSendsAbortedAndAClosingEngineSendsNothing() throws Exception {
        sfn.engine.onStatusChange(events::add);
        String arn = sfn.engine.register("slow", """
                {"StartAt": "W", "States": {"W": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Forever", "End": true}}}""", Map.of()).arn();
        Execution stopped = sfn.engine.startExecution(arn, "stopped", "{}");
        sfn.engine.stopExecution(stopped.arn(), "Operator.Stop", "by hand");
        awaitEvents(2);
        JsonNode aborted = events.get(1);
        assertEquals("ABORTED", aborted.at("/detail/status").asText());
        assertEquals("Operator.Stop", aborted.at("/detail/error").asText());
        assertEquals("by hand", aborted.at("/detail/cause").asText());

        sfn.engine.startExecution(arn, "dies-with-the-engine", "{}");
        awaitEvents(3);
        sfn.close();
        Thread.sleep(200);
        assertEquals(3, events.size(), "an execution that dies with the process sends no event: " + events);
    }

    @Test
    void aSucceededExecutionCarriesItsOutput() throws Exception {
        sfn.engine.onStatusChange(events::add);
        String arn = sfn.engine.register("ok", """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"done": true}, "End": true}}}""", Map.of()).arn();
        Execution execution = sfn.engine.startExecution(arn, "ok-1", "{}");
        sfn.engine.awaitCompletion(execution.arn(), Duration.ofSeconds(10));
        awaitEvents(2);

        assertEquals("SUCCEEDED", events.get(1).at("/detail/status").asText());
        assertEquals("{\"done\":true}", events.get(1).at("/detail/output").asText());
        assertTrue(events.get(1).at("/detail/error").isNull());
    }

    private void awaitEvents(int count) throws InterruptedException {
        for (int i = 0; i < 500 && events.size() < count; i++) {
            Thread.sleep(10);
        }
        assertEquals(count, events.size(), events.toString());
    }
}

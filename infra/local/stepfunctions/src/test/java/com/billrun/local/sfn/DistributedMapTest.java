package com.billrun.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.sfn.definition.DefinitionException;
import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.ExecutionStatus;
import com.billrun.local.sfn.execution.HistoryEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The Map state in DISTRIBUTED mode with items from the state input ("Using Map state in Distributed mode to
 * orchestrate large-scale parallel workloads", https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html).
 */
class DistributedMapTest {
    private static final String WORK = "arn:aws:lambda:us-east-1:123456789012:function:work";
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final CountDownLatch parked = new CountDownLatch(1);
    private final LocalSfn sfn = new LocalSfn((function, payload) -> {
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        try {
            if (payload.path("id").asText().startsWith("bad")) {
                throw new LambdaInvocationException("Batch.Rejected", "item " + payload.path("id").asText());
            }
            if (payload.path("id").asText().equals("park")) {
                parked.countDown();
                Thread.sleep(600_000);
            }
            return Json.object().put("done", payload.path("id").asText());
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

    private static String distributed(String mapFields) {
        return """
                {"StartAt": "Each", "States": {
                  "Each": {"Type": "Map", "ItemsPath": "$.ids", %s
                    "ItemSelector": {"run.$": "$.run", "id.$": "$$.Map.Item.Value"},
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true}}},
                    "ResultPath": "$.results", "End": true,
                    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Caught"}]},
                  "Caught": {"Type": "Pass", "End": true}}}""".formatted(mapFields, WORK);
    }

    private static String ids(String... ids) {
        return "{\"run\": \"r1\", \"ids\": [" + String.join(",", List.of(ids).stream().map(id -> "\"" + id + "\"").toList()) + "]}";
    }

    /** The children of the parent's (first) Map Run: their state machine is the parent's ARN + "/" + the run's label. */
    private List<Execution> children(Execution parent) {
        String mapRunArn = parent.history().events().stream().filter(e -> e.type().equals("MapRunStarted")).findFirst()
                .orElseThrow().details().get("mapRunArn").textValue();
        String label = mapRunArn.substring(mapRunArn.indexOf('/') + 1, mapRunArn.lastIndexOf(':'));
        return sfn.engine.executions(parent.stateMachine().arn() + "/" + label);
    }

    /*
     * In Distributed mode each iteration of the Map state runs as a child workflow execution with its own execution
     * history, separate from the parent's (state-map-distributed, Key terms);
     * child state machines are labelled "arn:partition:states:region:account:stateMachine:stateMachineName/MapRunLabel
     * or UUID" (Viewing a Distributed Map Run execution, https://docs.aws.amazon.com/step-functions/latest/dg/concepts-examine-map-run.html);
     * the parent's history records the Map Run (HistoryEvent: MapRunStarted with mapRunArn, MapRunSucceeded,
     * https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html).
     */
    @Test
    @DisplayName("AWS Distributed Map: one Standard child execution per item, with its own history and AWS-shaped ARNs; the parent records the Map Run")
    void childExecutionsWithTheirOwnHistory() throws Exception {
        Execution parent = sfn.run(distributed("\"Label\": \"Batches\","), ids("a", "b", "c"));

        assertEquals(ExecutionStatus.SUCCEEDED, parent.status(), parent.cause());
        assertEquals(Json.parse("[{\"done\": \"a\"}, {\"done\": \"b\"}, {\"done\": \"c\"}]"), LocalSfn.output(parent).get("results"));
        assertEquals(List.of("ExecutionStarted", "MapStateEntered", "MapRunStarted", "MapRunSucceeded", "MapStateExited",
                "ExecutionSucceeded"), LocalSfn.eventTypes(parent));
        String machineName = parent.stateMachine().name();
        String mapRunArn = parent.history().events().get(2).details().get("mapRunArn").textValue();
        assertTrue(mapRunArn.matches("arn:aws:states:us-east-1:123456789012:mapRun:" + machineName + "/Batches:[0-9a-f-]{36}"), mapRunArn);

        List<Execution> children = children(parent);
        assertEquals(3, children.size());
        for (Execution child : children) {
            assertEquals(ExecutionStatus.SUCCEEDED, child.status());
            assertEquals(parent.stateMachine().arn() + "/Batches", child.stateMachine().arn());
            assertTrue(child.arn().matches("arn:aws:states:us-east-1:123456789012:execution:" + machineName
                    + "/Batches:[0-9a-f-]{36}"), child.arn());
            assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
                    "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded"), LocalSfn.eventTypes(child));
        }
        assertEquals(List.of("{\"run\":\"r1\",\"id\":\"a\"}", "{\"run\":\"r1\",\"id\":\"b\"}", "{\"run\":\"r1\",\"id\":\"c\"}"),
                children.stream().map(Execution::input).sorted().toList(), "ItemSelector shaped each child's input");
    }

    /*
     * MaxConcurrency: "The maximum number of child workflow executions that can be specified to run in parallel for the
     * Map Run at the same time" (UpdateMapRun, https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateMapRun.html).
     */
    @Test
    @DisplayName("AWS Distributed Map: MaxConcurrency 2 bounds the child executions running at once")
    void maxConcurrency() throws Exception {
        String[] many = IntStream.range(0, 10).mapToObj(i -> "i" + i).toArray(String[]::new);
        Execution parent = sfn.run(distributed("\"MaxConcurrency\": 2,"), ids(many));

        assertEquals(ExecutionStatus.SUCCEEDED, parent.status(), parent.cause());
        assertTrue(maxRunning.get() <= 2, "at most 2 children at once, saw " + maxRunning.get());
        assertEquals(10, LocalSfn.output(parent).get("results").size());
    }

    /*
     * "The default percentage value is zero, which means that the workflow fails if any one of its child workflow
     * executions fails or times out"; "Step Functions returns a States.ExceedToleratedFailureThreshold error when the
     * Map Run fails because the specified threshold is exceeded" (Tolerated failure threshold for Distributed Map state,
     * https://docs.aws.amazon.com/step-functions/latest/dg/maprun-fail-threshold.html).
     */
    @Test
    @DisplayName("AWS Distributed Map: by default one failed child fails the Map Run with States.ExceedToleratedFailureThreshold")
    void noToleranceByDefault() throws Exception {
        Execution parent = sfn.run(distributed(""), ids("a", "bad-1", "c"));

        assertEquals(ExecutionStatus.SUCCEEDED, parent.status(), "the Catch took the Map's error");
        assertEquals("States.ExceedToleratedFailureThreshold", LocalSfn.output(parent).at("/error/Error").textValue());
        List<String> events = LocalSfn.eventTypes(parent);
        assertTrue(events.containsAll(List.of("MapRunStarted", "MapRunFailed")), events.toString());
        HistoryEvent failed = parent.history().events().stream().filter(e -> e.type().equals("MapRunFailed")).findFirst().orElseThrow();
        assertEquals("States.ExceedToleratedFailureThreshold", failed.details().get("error").textValue());
        assertTrue(children(parent).stream().anyMatch(c -> c.status() == ExecutionStatus.FAILED
                && "Batch.Rejected".equals(c.error())));
    }

    /*
     * "Tolerated failure count ... Your Map Run fails if this value is exceeded"; "Step Functions calculates the percentage
     * of failed items as the result of the total number of failed or timed out items divided by the total number of
     * items"; "If you specify both values, the workflow fails when it exceeds either value" (maprun-fail-threshold).
     */
    @Test
    @DisplayName("AWS Distributed Map: ToleratedFailureCount and ToleratedFailurePercentage fail the run only when exceeded")
    void toleratedFailures() throws Exception {
        Execution withinCount = sfn.run(distributed("\"ToleratedFailureCount\": 2,"), ids("a", "bad-1", "bad-2", "d"));
        assertEquals(ExecutionStatus.SUCCEEDED, withinCount.status());
        JsonNode results = LocalSfn.output(withinCount).get("results");
        assertEquals("Batch.Rejected", results.get(1).get("Error").textValue(), "a tolerated failure keeps its place");
        assertEquals("d", results.get(3).get("done").textValue());

        Execution overCount = sfn.run(distributed("\"ToleratedFailureCount\": 1,"), ids("a", "bad-1", "bad-2", "d"));
        assertEquals("States.ExceedToleratedFailureThreshold", LocalSfn.output(overCount).at("/error/Error").textValue());

        Execution withinPercentage = sfn.run(distributed("\"ToleratedFailurePercentage\": 50,"), ids("a", "bad-1", "bad-2", "d"));
        assertEquals("Batch.Rejected", LocalSfn.output(withinPercentage).at("/results/2/Error").textValue(), "2 of 4 = 50% is not over 50%");

        Execution overPercentage = sfn.run(distributed("\"ToleratedFailurePercentage\": 25,"), ids("a", "bad-1", "bad-2", "d"));
        assertEquals("States.ExceedToleratedFailureThreshold", LocalSfn.output(overPercentage).at("/error/Error").textValue());

        Execution eitherExceeded = sfn.run(distributed("\"ToleratedFailurePercentage\": 100, \"ToleratedFailureCount\": 1,"),
                ids("a", "bad-1", "bad-2", "d"));
        assertEquals("States.ExceedToleratedFailureThreshold", LocalSfn.output(eitherExceeded).at("/error/Error").textValue());
    }

    /*
     * ItemBatcher: at most MaxItemsPerBatch items per child; BatchInput is added to each batch, and the child receives
     * {"BatchInput": {...}, "Items": [...]} (ItemBatcher (Map), https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html).
     */
    @Test
    @DisplayName("AWS Distributed Map: ItemBatcher gives each child {BatchInput, Items} of at most MaxItemsPerBatch items")
    void itemBatcher() throws Exception {
        Execution parent = sfn.run("""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.ids", "End": true,
                  "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"run.$": "$.run"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""", ids("a", "b", "c"));

        assertEquals(Json.parse("""
                [{"BatchInput": {"run": "r1"}, "Items": ["a", "b"]}, {"BatchInput": {"run": "r1"}, "Items": ["c"]}]"""),
                LocalSfn.output(parent));
        assertEquals(2, children(parent).size());
    }

    @Test
    @DisplayName("Refused at load, naming the field: ItemReader, ResultWriter, EXPRESS children, distributed fields on an INLINE Map")
    void refusedAtLoad() {
        String reader = distributed("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\"},");
        assertTrue(assertThrows(DefinitionException.class, () -> sfn.engine.register("r", reader, Map.of()))
                .getMessage().contains("field 'ItemReader'"));
        String writer = distributed("\"ResultWriter\": {\"Resource\": \"arn:aws:states:::s3:putObject\"},");
        assertTrue(assertThrows(DefinitionException.class, () -> sfn.engine.register("w", writer, Map.of()))
                .getMessage().contains("field 'ResultWriter'"));
        String express = distributed("").replace("\"STANDARD\"", "\"EXPRESS\"");
        assertTrue(assertThrows(DefinitionException.class, () -> sfn.engine.register("e", express, Map.of()))
                .getMessage().contains("ExecutionType"));
        String inline = distributed("\"ToleratedFailureCount\": 1,").replace("\"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"", "\"INLINE\"");
        assertTrue(assertThrows(DefinitionException.class, () -> sfn.engine.register("i", inline, Map.of()))
                .getMessage().contains("field 'ToleratedFailureCount'"));
    }

    /*
     * StopExecution on the parent: on AWS its Map Run ends ABORTED (the MapRunAborted history event) and the child
     * executions still running are stopped with it (HistoryEvent, https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html).
     */
    @Test
    @DisplayName("AWS Distributed Map: stopping the parent aborts its Map Run and stops the running children")
    void stoppingTheParentStopsTheChildren() throws Exception {
        String arn = sfn.engine.register("parked", distributed(""), Map.of()).arn();
        Execution parent = sfn.engine.startExecution(arn, "p1", ids("a", "park"));
        assertTrue(parked.await(20, TimeUnit.SECONDS), "the child never started");

        sfn.engine.stopExecution(parent.arn(), "Operator.Stop", "stopped by a test");

        assertEquals(ExecutionStatus.ABORTED, parent.status());
        List<Execution> children = children(parent);
        for (Execution child : children) {
            Execution done = sfn.engine.awaitCompletion(child.arn(), Duration.ofSeconds(20));
            assertNotEquals(ExecutionStatus.RUNNING, done.status(), child.arn());
        }
        assertTrue(children.stream().anyMatch(c -> c.status() == ExecutionStatus.ABORTED), "the parked child was stopped");
    }

    /*
     * "Maximum execution history size: 25,000 events. If the execution history reaches this quota the execution fails"
     * (Step Functions service quotas, https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html); AWS
     * advises the Distributed mode when an execution's event history would exceed 25,000 entries (state-map-distributed). With the quota lowered to 200 events, an inline Map over 60 items needs about
     * 3 + 60 x 4 events and fails; the distributed one keeps 6 events in the parent and completes.
     */
    @Test
    @DisplayName("AWS history quota: an INLINE Map over 60 items fails a 200-event history (States.Runtime); the DISTRIBUTED one completes exactly")
    void historyLimitInlineVersusDistributed() throws Exception {
        try (LocalSfn limited = new LocalSfn(LocalSfn.noLambda(), LocalSfn.FAST,
                EngineSettings.defaults().withTimeScale(LocalSfn.FAST).withHistoryEventLimit(200))) {
            List<String> ids = new ArrayList<>(Collections.nCopies(60, "x"));
            String input = "{\"ids\": " + Json.MAPPER.valueToTree(ids) + "}";
            String processor = """
                    "StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"id.$": "$"}, "End": true}}""";
            Execution inline = limited.run("""
                    {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.ids", "End": true,
                      "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, %s}}}}""".formatted(processor), input);
            assertEquals(ExecutionStatus.FAILED, inline.status());
            assertEquals("States.Runtime", inline.error());
            assertTrue(inline.cause().contains("history events (200)"), inline.cause());

            Execution distributed = limited.run("""
                    {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.ids", "End": true,
                      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, %s}}}}"""
                    .formatted(processor), input);
            assertEquals(ExecutionStatus.SUCCEEDED, distributed.status(), distributed.cause());
            assertEquals(60, LocalSfn.output(distributed).size());
            assertEquals(6, distributed.history().events().size());
        }
    }

    /* The pricing rule of ConformanceFixesTest, for the children: their states count too. */
    @Test
    @DisplayName("AWS pricing: a Distributed Map's children's states count in stateTransitions()")
    void childTransitionsCount() throws Exception {
        sfn.run(distributed(""), ids("a", "b", "c"));

        assertEquals(1 + 3, sfn.engine.stateTransitions(), "the Map state, then one Task per child");
    }

    /*
     * Standard child workflows allow .waitForTaskToken (Express ones do not: "Wait for a Callback with Task Token",
     * https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token).
     */
    @Test
    @DisplayName("AWS Distributed Map: a child's .waitForTaskToken task sends its token over SQS and resumes on SendTaskSuccess")
    void childCallbacks() throws Exception {
        try (LocalAws aws = new LocalAws(LocalSfn.noLambda(), LocalSfn.FAST)) {
            String queue = aws.createQueue("child-callbacks");
            String arn = aws.engine.register("callbacks", """
                    {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.ids", "End": true,
                      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                        "StartAt": "Send", "States": {"Send": {"Type": "Task", "End": true,
                          "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                          "Parameters": {"QueueUrl": "%s", "MessageBody": {"id.$": "$", "token.$": "$$.Task.Token"}}}}}}}}"""
                    .formatted(queue), Map.of()).arn();
            Execution parent = aws.engine.startExecution(arn, "cb", "{\"ids\": [\"a\", \"b\"]}");
            int answered = 0;
            while (answered < 2) {
                for (Message message : aws.sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(5).maxNumberOfMessages(10)).messages()) {
                    JsonNode body = Json.parse(message.body());
                    aws.engine.sendTaskSuccess(body.get("token").textValue(), "{\"answered\": \"" + body.get("id").textValue() + "\"}");
                    answered++;
                }
            }
            Execution done = aws.engine.awaitCompletion(parent.arn(), Duration.ofSeconds(20));
            assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.cause());
            assertEquals(Json.parse("[{\"answered\": \"a\"}, {\"answered\": \"b\"}]"), LocalSfn.output(done));

            // Through the SDK: the parent's history names the Map Run; a child is described like any execution.
            var history = aws.sfn.getExecutionHistory(b -> b.executionArn(parent.arn())).events();
            var mapRunStarted = history.stream().filter(e -> e.type() == HistoryEventType.MAP_RUN_STARTED).findFirst().orElseThrow();
            String mapRunArn = mapRunStarted.mapRunStartedEventDetails().mapRunArn();
            assertTrue(mapRunArn.startsWith("arn:aws:states:us-east-1:123456789012:mapRun:callbacks/"), mapRunArn);
            assertTrue(history.stream().anyMatch(e -> e.type() == HistoryEventType.MAP_RUN_SUCCEEDED));
            String label = mapRunArn.substring(mapRunArn.indexOf('/') + 1, mapRunArn.lastIndexOf(':'));
            Execution child = aws.engine.executions(arn + "/" + label).getFirst();
            var described = aws.sfn.describeExecution(b -> b.executionArn(child.arn()));
            assertEquals(software.amazon.awssdk.services.sfn.model.ExecutionStatus.SUCCEEDED, described.status());
            assertEquals(arn + "/" + label, described.stateMachineArn());
        }
    }
}

package com.billrun.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The real infra/statemachine definitions, loaded with the DefinitionSubstitutions template.yaml declares, run
 * with stand-in functions and a stand-in invoice worker on ElasticMQ. The functions' own behaviour is tested in
 * their modules; this checks that the definitions route the run as docs/ARCHITECTURE.md draws it.
 */
class BillRunDefinitionTest {
    private static final Path STATE_MACHINES = Path.of("../../statemachine");

    private static final List<String> calls = new CopyOnWriteArrayList<>();
    private static final AtomicInteger postPages = new AtomicInteger();
    private static final AtomicInteger laneTwoCalls = new AtomicInteger();
    private static volatile boolean working = true;
    private static LocalAws aws;
    private static String queueUrl;
    private static Thread worker;

    @BeforeAll
    static void start() throws Exception {
        aws = new LocalAws(BillRunDefinitionTest::function, new TimeScale(0.01));
        queueUrl = aws.createQueue("invoice-queue");
        worker = Thread.ofVirtual().start(BillRunDefinitionTest::invoiceWorker);
    }

    @BeforeEach
    void reset() {
        calls.clear();
        postPages.set(0);
        laneTwoCalls.set(0);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        working = false;
        worker.join();
        aws.close();
    }

    @Test
    @DisplayName("bill-run: Prepare → 3 batches over SQS with task tokens → Complete → autoPost: reserve, 3 lanes until each is done, pages until done → Notify POSTED")
    void autoPostedRun() throws Exception {
        DescribeExecutionResponse done = run("bill-run.asl.json", "{\"tenantId\": \"t1\", \"billRunId\": \"BR-1\"}");

        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.error() + " " + done.cause());
        assertEquals(List.of("billrun-prepare", "invoice BR-1 B1", "invoice BR-1 B2", "invoice BR-1 B3", "billrun-complete",
                "billrun-post reserve", "billrun-post", "billrun-post", "billrun-notify POSTED"), calls.stream()
                .filter(call -> !call.startsWith("invoice") || call.startsWith("invoice BR-1 "))
                .filter(call -> !call.startsWith("billrun-post lane"))
                .sorted(BillRunDefinitionTest::byStep).toList());
        assertLanesBetweenReserveAndPost();
    }

    @Test
    @DisplayName("bill-run: a lane that fails fails the lanes' Map → PostFailed (MarkError POST) → Notify COMPLETED; no page loop after it")
    void failedLane() throws Exception {
        DescribeExecutionResponse done = run("bill-run.asl.json", "{\"tenantId\": \"t1\", \"billRunId\": \"BR-lane-fail\"}");

        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.error() + " " + done.cause());
        assertTrue(calls.contains("billrun-mark-error POST com.billrun.store.PostingException"), calls.toString());
        assertTrue(calls.contains("billrun-notify COMPLETED"), calls.toString());
        assertTrue(!calls.contains("billrun-post") && !calls.contains("billrun-notify POSTED"), calls.toString());
    }

    @Test
    @DisplayName("post-run: a run with nothing to post is done at PostStart: no lane, no page → Notify POSTED")
    void nothingToPost() throws Exception {
        DescribeExecutionResponse done = run("post-run.asl.json", "{\"tenantId\": \"t1\", \"billRunId\": \"BR-empty\"}");

        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.error() + " " + done.cause());
        assertEquals(List.of("billrun-post reserve", "billrun-notify POSTED"), calls);
    }

    @Test
    @DisplayName("post-run: a lane that fails → PostFailed (MarkError POST) → Notify POST_FAILED → fails as PostError")
    void postRunFailedLane() throws Exception {
        DescribeExecutionResponse done = run("post-run.asl.json", "{\"tenantId\": \"t1\", \"billRunId\": \"BR-lane-fail\"}");

        assertEquals(ExecutionStatus.FAILED, done.status());
        assertEquals("PostError", done.error());
        assertTrue(calls.contains("billrun-mark-error POST com.billrun.store.PostingException"), calls.toString());
        assertTrue(calls.contains("billrun-notify POST_FAILED"), calls.toString());
    }

    /** Lanes 1 to 3, lane 2 called twice (its first call ran out of time), all after the reservation, before the pages. */
    private static void assertLanesBetweenReserveAndPost() {
        List<String> lanes = calls.stream().filter(call -> call.startsWith("billrun-post lane")).sorted().toList();
        assertEquals(List.of("billrun-post lane 1/3", "billrun-post lane 2/3", "billrun-post lane 2/3", "billrun-post lane 3/3"), lanes);
        int reserve = calls.indexOf("billrun-post reserve");
        int firstPage = calls.indexOf("billrun-post");
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith("billrun-post lane")) {
                assertTrue(reserve < i && i < firstPage, calls.toString());
            }
        }
    }

    @Test
    @DisplayName("bill-run: a batch answered with SendTaskFailure fails its child, the Map Run tolerates none → MarkError → Notify ERROR → fails as BillRunError")
    void failedBatch() throws Exception {
        DescribeExecutionResponse done = run("bill-run.asl.json", "{\"tenantId\": \"t1\", \"billRunId\": \"BR-fail\"}");

        assertEquals(ExecutionStatus.FAILED, done.status());
        assertEquals("BillRunError", done.error());
        assertTrue(calls.contains("billrun-mark-error GENERATE States.ExceedToleratedFailureThreshold"), calls.toString());
        assertTrue(calls.contains("billrun-notify ERROR"), calls.toString());
    }

    @Test
    @DisplayName("post-run loads with its substitutions: reserve, 3 lanes until each is done, pages until done")
    void postRun() throws Exception {
        DescribeExecutionResponse done = run("post-run.asl.json", "{\"tenantId\": \"t1\", \"billRunId\": \"BR-2\"}");

        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.error() + " " + done.cause());
        assertEquals(2, postPages.get());
        assertLanesBetweenReserveAndPost();
    }

    private static DescribeExecutionResponse run(String file, String input) throws Exception {
        Map<String, String> substitutions = Map.of(
                "PrepareFunctionArn", alias("billrun-prepare"), "CompleteFunctionArn", alias("billrun-complete"),
                "PostFunctionArn", alias("billrun-post"), "NotifyFunctionArn", alias("billrun-notify"),
                "MarkErrorFunctionArn", alias("billrun-mark-error"), "InvoiceQueueUrl", queueUrl, "MapMaxConcurrency", "1000",
                "PostLanes", "3");
        String definition = Substitute.only(java.nio.file.Files.readString(STATE_MACHINES.resolve(file)), substitutions);
        // Registered under the ARN the local template wiring gives the state machine, as the functions receive it.
        String machineArn = "arn:aws:states:eu-west-1:111122223333:stateMachine:" + file.replace(".asl.json", "");
        String arn = aws.engine.register(machineArn, definition, Map.of()).arn();
        assertEquals(machineArn, arn);
        String execution = aws.sfn.startExecution(b -> b.stateMachineArn(arn).input(input)).executionArn();
        assertTrue(execution.startsWith(machineArn.replace(":stateMachine:", ":execution:") + ":"), execution);
        for (int i = 0; i < 3000; i++) {
            DescribeExecutionResponse described = aws.sfn.describeExecution(b -> b.executionArn(execution));
            if (described.status() != ExecutionStatus.RUNNING) {
                return described;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("still running");
    }

    /** Only the placeholders the file uses: post-run needs three of the six. */
    private static final class Substitute {
        static String only(String definition, Map<String, String> values) {
            String result = definition;
            for (Map.Entry<String, String> value : values.entrySet()) {
                result = result.replace("${" + value.getKey() + "}", value.getValue());
            }
            return result;
        }
    }

    private static String alias(String name) {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + name + ":live";
    }

    private static JsonNode function(String functionArn, JsonNode payload) throws LambdaInvocationException {
        String name = LambdaInvoker.functionName(functionArn);
        switch (name) {
            case "billrun-prepare" -> {
                calls.add(name);
                return Json.parse("{\"batchIds\": [\"B1\", \"B2\", \"B3\"]}");
            }
            case "billrun-complete" -> {
                calls.add(name);
                return Json.parse("{\"status\": \"COMPLETED\", \"autoPost\": true, \"accountsProcessed\": 30}");
            }
            case "billrun-post" -> {
                String run = payload.get("billRunId").textValue();
                if (payload.has("reserve")) {
                    calls.add(name + " reserve");
                    return Json.object().put("done", run.equals("BR-empty"));
                }
                if (payload.has("lane")) {
                    int lane = payload.get("lane").intValue();
                    calls.add(name + " lane " + lane + "/" + payload.get("lanes").intValue());
                    if (run.equals("BR-lane-fail") && lane == 2) {
                        throw new LambdaInvocationException("com.billrun.store.PostingException", "an account is gone");
                    }
                    // Lane 2 runs out of time once: the lane calls the function again.
                    return Json.object().put("done", lane != 2 || laneTwoCalls.incrementAndGet() >= 2);
                }
                calls.add(name);
                return Json.object().put("done", postPages.incrementAndGet() >= 2);
            }
            case "billrun-notify" -> calls.add(name + " " + payload.get("event").textValue());
            case "billrun-mark-error" -> calls.add(name + " " + payload.get("phase").textValue() + " "
                    + payload.at("/error/Error").textValue());
            default -> throw new IllegalStateException("unknown function " + functionArn);
        }
        return Json.object();
    }

    private static void invoiceWorker() {
        while (working) {
            try {
                for (Message message : aws.sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(10)).messages()) {
                    JsonNode body = Json.parse(message.body());
                    String token = body.get("taskToken").textValue();
                    calls.add("invoice " + body.get("billRunId").textValue() + " " + body.get("batchId").textValue());
                    if (body.get("billRunId").textValue().equals("BR-fail")) {
                        aws.sfn.sendTaskFailure(b -> b.taskToken(token).error("InvoiceBatchFailed").cause("store unavailable"));
                    } else {
                        aws.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"invoicesGenerated\": 10}"));
                    }
                    aws.sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                }
            } catch (RuntimeException e) {
                // Keep serving: a failed receive or answer shows up as a failed test run.
            }
        }
    }

    /** Invoice calls of one Map run concurrently: compare them by name, the rest by the order they happened. */
    private static int byStep(String left, String right) {
        boolean bothInvoices = left.startsWith("invoice") && right.startsWith("invoice");
        return bothInvoices ? left.compareTo(right) : Integer.compare(calls.indexOf(left), calls.indexOf(right));
    }
}

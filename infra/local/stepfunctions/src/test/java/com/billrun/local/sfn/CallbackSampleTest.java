package com.billrun.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The callback sample (infra/statemachine/samples/callback-sample.asl.json) end to end: Map → SQS
 * waitForTaskToken on real ElasticMQ → a worker that receives the message and answers through the real SfnClient
 * against the local API. Time scale: one definition second lasts 10 ms (HeartbeatSeconds 300 → 3 s, wide enough that only the
 * batch the worker ignores on purpose ever misses it).
 */
class CallbackSampleTest {
    private static final Path SAMPLE = Path.of("../../statemachine/samples/callback-sample.asl.json");

    private LocalAws aws;
    private String queueUrl;
    private Thread worker;
    private volatile boolean working = true;
    private final List<String> deliveries = new CopyOnWriteArrayList<>();
    private final Set<String> ignoredOnce = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws Exception {
        aws = new LocalAws(LocalSfn.noLambda(), new TimeScale(0.01));
        queueUrl = aws.createQueue("invoice-batches");
        worker = Thread.ofVirtual().start(this::work);
    }

    @AfterEach
    void stop() throws InterruptedException {
        working = false;
        worker.join();
        aws.close();
    }

    @Test
    @DisplayName("Every batch is answered: success, SendTaskFailure caught per batch, a silent batch retried after its heartbeat timeout")
    void billRunOfSixBatches() throws Exception {
        String machine = aws.engine.register("callback-sample", SAMPLE, Map.of("InvoiceQueueUrl", queueUrl)).arn();

        String execution = aws.sfn.startExecution(b -> b.stateMachineArn(machine).name("bill-run-7").input("""
                {"billRunId": "BR-7", "batchIds": ["b-1", "b-2", "b-bad", "b-silent", "b-5", "b-6"]}""")).executionArn();

        DescribeExecutionResponse done = awaitFinished(execution);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.error() + " " + done.cause());
        JsonNode output = Json.parse(done.output());
        assertEquals("BR-7", output.get("billRunId").textValue());
        assertEquals(6, output.get("batchCount").intValue());
        JsonNode batches = output.get("batches");
        assertEquals(Json.parse("{\"batchId\": \"b-1\", \"invoicesGenerated\": 2, \"failedAccounts\": 0}"), batches.get(0));
        assertEquals("Batch.AccountsFailed", batches.get(2).get("error").textValue());
        assertEquals("account A-9: no price", batches.get(2).get("cause").textValue());
        assertEquals("b-silent", batches.get(3).get("batchId").textValue());
        assertEquals(2, deliveries.stream().filter("b-silent"::equals).count(), "the silent batch is sent again once");
        List<String> events = aws.sfn.getExecutionHistory(b -> b.executionArn(execution).maxResults(1000)).events().stream()
                .map(HistoryEvent::typeAsString).toList();
        assertEquals(1, events.stream().filter("TaskTimedOut"::equals).count());
        assertEquals(7, events.stream().filter("TaskSubmitted"::equals).count());
        assertTrue(events.contains("MapIterationSucceeded"));
    }

    /** The invoice worker's part of the protocol: heartbeat, then SendTaskSuccess or SendTaskFailure. */
    private void work() {
        while (working) {
            try {
                List<Message> messages = aws.sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)
                        .maxNumberOfMessages(10).messageAttributeNames("All")).messages();
                for (Message message : messages) {
                    answer(message);
                    aws.sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                }
            } catch (RuntimeException e) {
                // Keep serving: a failed receive or answer shows up as a failed bill run.
            }
        }
    }

    private void answer(Message message) {
        JsonNode body = Json.parse(message.body());
        String batchId = body.get("batchId").textValue();
        String token = body.get("TaskToken").textValue();
        deliveries.add(batchId);
        assertEquals("BR-7", message.messageAttributes().get("billRunId").stringValue());
        if (batchId.equals("b-silent") && ignoredOnce.add(batchId)) {
            return;
        }
        aws.sfn.sendTaskHeartbeat(b -> b.taskToken(token));
        if (batchId.equals("b-bad")) {
            aws.sfn.sendTaskFailure(b -> b.taskToken(token).error("Batch.AccountsFailed").cause("account A-9: no price"));
            return;
        }
        String result = Json.object().put("batchId", batchId).put("invoicesGenerated", 2).put("failedAccounts", 0).toString();
        aws.sfn.sendTaskSuccess(b -> b.taskToken(token).output(result));
    }

    private DescribeExecutionResponse awaitFinished(String arn) throws InterruptedException {
        for (int i = 0; i < 3000; i++) {
            DescribeExecutionResponse described = aws.sfn.describeExecution(b -> b.executionArn(arn));
            if (described.status() != ExecutionStatus.RUNNING) {
                return described;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("execution still running: " + arn);
    }
}

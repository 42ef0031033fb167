package com.billrun.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * AWS "Wait for a Callback with Task Token" (.waitForTaskToken) over real ElasticMQ and the real SDK clients.
 * Time scale: one definition second lasts 50 ms; heartbeat windows are kept wide (≥ 1 s real) so that SQS
 * latency on a busy machine cannot fake a missed heartbeat.
 */
class CallbackTaskTokenTest {
    private static final TimeScale SCALE = new TimeScale(0.05);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static LocalAws aws;
    private static String queueUrl;

    @BeforeAll
    static void start() throws Exception {
        aws = new LocalAws(LocalSfn.noLambda(), SCALE);
        queueUrl = aws.createQueue("callbacks");
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    @DisplayName("AWS callback: SendTaskSuccess's output becomes the task result; the message carried $$.Task.Token")
    void answeredBySuccess() throws Exception {
        String execution = start(1000, null);
        JsonNode body = Json.parse(receive().body());
        assertEquals("b-1", body.get("batchId").textValue());

        aws.sfn.sendTaskSuccess(b -> b.taskToken(body.get("TaskToken").textValue()).output("{\"invoices\": 3}"));

        DescribeExecutionResponse done = awaitFinished(execution);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals(Json.parse("{\"batchId\": \"b-1\", \"result\": {\"invoices\": 3}}"), Json.parse(done.output()));
        assertTrue(historyTypes(execution).containsAll(List.of("TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded")));
    }

    @Test
    @DisplayName("AWS callback: SendTaskFailure fails the task with its error and cause; a second answer is TaskTimedOut")
    void answeredByFailure() throws Exception {
        String execution = start(1000, null);
        String token = Json.parse(receive().body()).get("TaskToken").textValue();

        aws.sfn.sendTaskFailure(b -> b.taskToken(token).error("Batch.AccountsFailed").cause("2 accounts failed"));

        DescribeExecutionResponse done = awaitFinished(execution);
        assertEquals(ExecutionStatus.FAILED, done.status());
        assertEquals("Batch.AccountsFailed", done.error());
        assertEquals("2 accounts failed", done.cause());
        assertTrue(historyTypes(execution).contains("TaskFailed"));
        assertThrows(TaskTimedOutException.class, () -> aws.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")));
    }

    @Test
    @DisplayName("AWS callback: no answer within TimeoutSeconds fails with States.Timeout; a late answer is TaskTimedOut")
    void answeredByNothing() throws Exception {
        String execution = start(5, null);
        String token = Json.parse(receive().body()).get("TaskToken").textValue();

        DescribeExecutionResponse done = awaitFinished(execution);
        assertEquals(ExecutionStatus.FAILED, done.status());
        assertEquals("States.Timeout", done.error());
        assertTrue(historyTypes(execution).contains("TaskTimedOut"));
        assertThrows(TaskTimedOutException.class, () -> aws.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")));
    }

    @Test
    @DisplayName("AWS HeartbeatSeconds: heartbeats keep the task alive well past HeartbeatSeconds; then success")
    void keptAliveByHeartbeats() throws Exception {
        String execution = start(1000, 20);
        String token = Json.parse(receive().body()).get("TaskToken").textValue();
        long aliveUntil = System.nanoTime() + SCALE.of(50).toNanos();

        while (System.nanoTime() < aliveUntil) {
            aws.sfn.sendTaskHeartbeat(b -> b.taskToken(token));
            Thread.sleep(SCALE.of(1).toMillis());
        }
        aws.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"alive\": true}"));

        DescribeExecutionResponse done = awaitFinished(execution);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.error() + " " + done.cause());
    }

    @Test
    @DisplayName("AWS HeartbeatSeconds: no heartbeat within HeartbeatSeconds fails with States.HeartbeatTimeout")
    void heartbeatTimeout() throws Exception {
        String execution = start(1000, 3);
        receive();

        DescribeExecutionResponse done = awaitFinished(execution);
        assertEquals("States.HeartbeatTimeout", done.error());
    }

    @Test
    @DisplayName("AWS TimeoutSeconds bounds the whole wait: heartbeats do not extend it (States.Timeout)")
    void heartbeatsDoNotExtendTimeout() throws Exception {
        String execution = start(40, 20);
        String token = Json.parse(receive().body()).get("TaskToken").textValue();

        DescribeExecutionResponse done;
        do {
            try {
                aws.sfn.sendTaskHeartbeat(b -> b.taskToken(token));
            } catch (TaskTimedOutException closed) {
                // The task has timed out: exactly what this test waits for.
            }
            Thread.sleep(SCALE.of(1).toMillis());
            done = aws.sfn.describeExecution(b -> b.executionArn(execution));
        } while (done.status() == ExecutionStatus.RUNNING);
        assertEquals("States.Timeout", done.error());
    }

    @Test
    @DisplayName("AWS sqs:sendMessage: a JSON MessageBody is sent as JSON text; the result carries MessageId and MD5OfMessageBody")
    void sendMessageWithoutWaiting() throws Exception {
        String arn = aws.engine.register("send-" + NAMES.incrementAndGet(), """
                {"StartAt": "Send", "States": {"Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                  "Parameters": {"QueueUrl": "${QueueUrl}", "MessageBody": {"batchId.$": "$.batchId"},
                    "MessageAttributes": {"kind": {"DataType": "String", "StringValue": "invoice"}}},
                  "ResultSelector": {"id.$": "$.MessageId", "md5.$": "$.MD5OfMessageBody"}, "End": true}}}""", Map.of("QueueUrl", queueUrl)).arn();

        String execution = aws.sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"batchId\": \"b-9\"}")).executionArn();

        JsonNode output = Json.parse(awaitFinished(execution).output());
        Message message = receive();
        assertEquals("{\"batchId\":\"b-9\"}", message.body());
        assertEquals(message.messageId(), output.get("id").textValue());
        assertEquals(message.md5OfBody(), output.get("md5").textValue());
    }

    @Test
    @DisplayName("An error SQS answers (no such queue) is SQS.AmazonSQSException, which the definition can catch")
    void sqsErrorName() throws Exception {
        String arn = aws.engine.register("send-" + NAMES.incrementAndGet(), """
                {"StartAt": "Send", "States": {"Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                  "Parameters": {"QueueUrl": "${QueueUrl}-missing", "MessageBody": "x"}, "End": true,
                  "Catch": [{"ErrorEquals": ["SQS.AmazonSQSException"], "Next": "Caught"}]},
                  "Caught": {"Type": "Pass", "End": true}}}""", Map.of("QueueUrl", queueUrl)).arn();

        String execution = aws.sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();

        DescribeExecutionResponse done = awaitFinished(execution);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals("SQS.AmazonSQSException", Json.parse(done.output()).get("Error").textValue());
    }

    private static String start(int timeoutSeconds, Integer heartbeatSeconds) {
        String definition = """
                {"StartAt": "Wait for worker", "States": {"Wait for worker": {"Type": "Task",
                  "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters": {"QueueUrl": "${QueueUrl}",
                    "MessageBody": {"batchId.$": "$.batchId", "TaskToken.$": "$$.Task.Token"}},
                  "TimeoutSeconds": %d, %s "ResultPath": "$.result", "End": true}}}"""
                .formatted(timeoutSeconds, heartbeatSeconds == null ? "" : "\"HeartbeatSeconds\": " + heartbeatSeconds + ",");
        String arn = aws.engine.register("callback-" + NAMES.incrementAndGet(), definition, Map.of("QueueUrl", queueUrl)).arn();
        return aws.sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"batchId\": \"b-1\"}")).executionArn();
    }

    private static Message receive() {
        for (int i = 0; i < 50; i++) {
            List<Message> messages = aws.sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(1)).messages();
            if (!messages.isEmpty()) {
                aws.sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(messages.getFirst().receiptHandle()));
                return messages.getFirst();
            }
        }
        throw new AssertionError("no message on the queue");
    }

    private static DescribeExecutionResponse awaitFinished(String arn) throws InterruptedException {
        for (int i = 0; i < 3000; i++) {
            DescribeExecutionResponse described = aws.sfn.describeExecution(b -> b.executionArn(arn));
            if (described.status() != ExecutionStatus.RUNNING) {
                return described;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("execution still running: " + arn);
    }

    private static List<String> historyTypes(String arn) {
        return aws.sfn.getExecutionHistory(b -> b.executionArn(arn)).events().stream().map(HistoryEvent::typeAsString).toList();
    }
}

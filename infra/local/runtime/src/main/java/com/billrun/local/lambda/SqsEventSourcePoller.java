package com.billrun.local.lambda;

import com.billrun.local.sfn.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source mapping, locally: long-polls the queue, gathers up to {@code batchSize} messages
 * within {@code maxBatchingWindow}, invokes the function with an {@code SQSEvent} and deletes what succeeded.
 * <ul>
 *   <li>A function error deletes nothing: the whole batch becomes visible again after the queue's visibility
 *       timeout.</li>
 *   <li>With {@code ReportBatchItemFailures}, only the messages named in {@code batchItemFailures} stay; an
 *       identifier that is empty or not in the batch, or a response that is not valid JSON, fails the whole
 *       batch, as AWS does.</li>
 *   <li>Redelivery and the move to the DLQ after {@code maxReceiveCount} are the queue's redrive policy
 *       (ElasticMQ or SQS), not the poller's.</li>
 *   <li>{@code maximumConcurrency} pollers work the queue side by side, each with its own batch in flight, as
 *       Lambda scales an event source mapping out.</li>
 * </ul>
 */
public final class SqsEventSourcePoller implements AutoCloseable {

    private static final int MAX_RECEIVE = 10;
    private static final int IDLE_WAIT_SECONDS = 1;

    private final LambdaRunner runner;
    private final SqsClient sqs;
    private final SqsTrigger trigger;
    private final String region;
    private final Consumer<BatchOutcome> listener;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public SqsEventSourcePoller(LambdaRunner runner, SqsClient sqs, SqsTrigger trigger, String region,
                                Consumer<BatchOutcome> listener) {
        this.runner = runner;
        this.sqs = sqs;
        this.trigger = trigger;
        this.region = region;
        this.listener = listener;
        for (int i = 0; i < trigger.maximumConcurrency(); i++) {
            Thread thread = new Thread(this::pollUntilClosed, "sqs-poller-" + trigger.functionName() + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    public SqsEventSourcePoller start() {
        threads.forEach(Thread::start);
        return this;
    }

    private void pollUntilClosed() {
        while (running) {
            try {
                List<Message> batch = gatherBatch();
                if (!batch.isEmpty()) {
                    listener.accept(deliver(batch));
                }
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("sqs poller for " + trigger.functionName() + ": " + e);
                    pause(Duration.ofSeconds(1));
                }
            }
        }
    }

    private List<Message> gatherBatch() {
        List<Message> batch = new ArrayList<>(receive(IDLE_WAIT_SECONDS));
        if (batch.isEmpty()) {
            return batch;
        }
        long windowEnds = System.nanoTime() + trigger.maxBatchingWindow().toNanos();
        while (running && batch.size() < trigger.batchSize() && System.nanoTime() < windowEnds) {
            Duration left = Duration.ofNanos(windowEnds - System.nanoTime());
            List<Message> more = receive((int) Math.min(left.toSeconds(), 20));
            batch.addAll(more);
            if (more.isEmpty() && left.toSeconds() < 1) {
                pause(Duration.ofMillis(Math.min(100, left.toMillis())));
            }
        }
        return batch;
    }

    private List<Message> receive(int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(trigger.queueUrl())
                .maxNumberOfMessages(Math.min(MAX_RECEIVE, trigger.batchSize()))
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    private BatchOutcome deliver(List<Message> batch) {
        List<String> ids = batch.stream().map(Message::messageId).toList();
        Invocation invocation = runner.invoke(trigger.functionName(), Json.MAPPER.valueToTree(sqsEvent(batch)).toString());
        Set<String> failed = failedMessageIds(invocation, ids);
        List<Message> succeeded = batch.stream().filter(m -> !failed.contains(m.messageId())).toList();
        delete(succeeded);
        return new BatchOutcome(invocation, ids, List.copyOf(failed), succeeded.stream().map(Message::messageId).toList());
    }

    private Set<String> failedMessageIds(Invocation invocation, List<String> batchIds) {
        Set<String> all = new HashSet<>(batchIds);
        if (invocation.failed()) {
            return all;
        }
        if (!trigger.reportBatchItemFailures()) {
            return Set.of();
        }
        JsonNode response;
        try {
            response = Json.MAPPER.readTree(invocation.payload());
        } catch (java.io.IOException e) {
            return all;
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : response == null ? Json.MAPPER.createArrayNode() : response.path("batchItemFailures")) {
            String id = failure.path("itemIdentifier").asText("");
            if (id.isEmpty() || !all.contains(id)) {
                return all;
            }
            failed.add(id);
        }
        return failed;
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += MAX_RECEIVE) {
            var entries = messages.subList(from, Math.min(messages.size(), from + MAX_RECEIVE)).stream()
                    .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                    .toList();
            sqs.deleteMessageBatch(b -> b.queueUrl(trigger.queueUrl()).entries(entries));
        }
    }

    /** The event in Lambda's wire format (what the function's serialiser reads into {@code SQSEvent}). */
    private ObjectNode sqsEvent(List<Message> batch) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : batch) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, attribute(value)));
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", trigger.queueArn());
            record.put("awsRegion", region);
        }
        return event;
    }

    private static ObjectNode attribute(MessageAttributeValue value) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("stringValue", value.stringValue());
        if (value.binaryValue() != null) {
            node.put("binaryValue", java.util.Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        }
        node.putPOJO("stringListValues", value.stringListValues());
        node.putArray("binaryListValues");
        node.put("dataType", value.dataType());
        return node;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            for (Thread thread : threads) {
                if (thread.getState() != Thread.State.NEW) {
                    thread.join(Duration.ofSeconds(IDLE_WAIT_SECONDS + 5));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}

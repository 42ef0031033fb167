package com.billrun.local.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.aws.AwsClients;
import com.billrun.local.aws.AwsTarget;
import com.billrun.local.aws.QueueSpec;
import com.billrun.local.aws.Queues;
import com.billrun.local.handlers.FlakyInvoiceWorker;
import com.billrun.local.handlers.FlakyInvoiceWorker.Delivery;
import com.billrun.local.lambda.BatchOutcome;
import com.billrun.local.lambda.FunctionSpec;
import com.billrun.local.lambda.LambdaRunner;
import com.billrun.local.lambda.SqsEventSourcePoller;
import com.billrun.local.lambda.SqsTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** The invoice worker's delivery semantics: partial batch failures, redelivery, and the move to the DLQ. */
public abstract class SqsTriggerContract {

    private static final Duration PATIENCE = Duration.ofSeconds(45);

    protected abstract AwsTarget target();

    private final String logName = "deliveries-" + UUID.randomUUID();
    private final List<BatchOutcome> outcomes = new CopyOnWriteArrayList<>();
    private SqsClient sqs;
    private LambdaRunner runner;
    private SqsEventSourcePoller poller;
    private Queues.CreatedQueue queue;

    @BeforeEach
    void startWorker() {
        sqs = AwsClients.sqs(target().env());
        queue = Queues.create(sqs, new QueueSpec("invoices-" + UUID.randomUUID(), Duration.ofSeconds(1), 2));
        runner = new LambdaRunner("us-east-1", "000000000000");
        Map<String, String> env = new HashMap<>(target().env());
        env.put("DELIVERY_LOG", logName);
        runner.register(new FunctionSpec("invoice-worker", FlakyInvoiceWorker.class, env, Duration.ofSeconds(10), 512));
        poller = new SqsEventSourcePoller(runner, sqs,
                new SqsTrigger("invoice-worker", queue.url(), queue.arn(), 10, Duration.ofMillis(500), true),
                "us-east-1", outcomes::add);
    }

    @AfterEach
    void stopWorker() {
        poller.close();
        runner.close();
        sqs.close();
    }

    @Test
    void onlyTheFailedMessageIsRedeliveredAndAfterMaxReceiveCountItLandsInTheDlq() {
        send("account-1", "fail-account-2", "account-3");
        poller.start();

        List<Message> dead = awaitDeadLetters(1);

        assertEquals("fail-account-2", dead.getFirst().body());
        assertEquals(List.of(1, 2), receiveCounts("fail-account-2"), "the failed message: delivered maxReceiveCount times");
        assertEquals(List.of(1), receiveCounts("account-1"), "a message that succeeded is not redelivered");
        assertEquals(List.of(1), receiveCounts("account-3"), "a message that succeeded is not redelivered");
        assertEquals(queue.arn(), deliveries().getFirst().eventSourceArn());
        BatchOutcome firstWithFailure = outcomes.stream().filter(o -> !o.failedMessageIds().isEmpty()).findFirst().orElseThrow();
        assertEquals(1, firstWithFailure.failedMessageIds().size());
        awaitTrue(() -> messagesLeft(queue.url()) == 0, "the main queue drains");
    }

    @Test
    void aFunctionErrorLeavesTheWholeBatchForRedelivery() {
        send("crash-once", "account-9");
        poller.start();

        awaitTrue(() -> receiveCounts("crash-once").size() == 2 && messagesLeft(queue.url()) == 0,
                "the crashed batch is delivered again and then deleted");

        assertEquals(List.of(1, 2), receiveCounts("crash-once"));
        assertTrue(receiveCounts("account-9").contains(2), "the other message of the failed batch came back too");
        assertTrue(outcomes.getFirst().invocation().failed());
        assertEquals("java.lang.IllegalStateException", outcomes.getFirst().invocation().error().orElseThrow().errorType());
        assertEquals(0, messagesLeft(queue.deadLetterUrl()));
    }

    @Test
    void maximumConcurrencyBatchesAreInFlightAtOnceAndNeverMore() {
        poller.close();
        poller = new SqsEventSourcePoller(runner, sqs,
                new SqsTrigger("invoice-worker", queue.url(), queue.arn(), 1, Duration.ZERO, true, 3),
                "us-east-1", outcomes::add);
        send("slow-1", "slow-2", "slow-3", "slow-4", "slow-5", "slow-6", "slow-7", "slow-8", "slow-9");
        poller.start();

        awaitTrue(() -> deliveries().size() == 9 && messagesLeft(queue.url()) == 0, "all nine delivered and deleted");

        int most = FlakyInvoiceWorker.maxInFlight(logName);
        assertTrue(most <= 3, "ScalingConfig.MaximumConcurrency 3 exceeded: " + most);
        assertTrue(most >= 2, "batches were delivered one at a time: " + most);
    }

    private void send(String... bodies) {
        var entries = java.util.stream.IntStream.range(0, bodies.length)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(bodies[i]).build())
                .toList();
        sqs.sendMessageBatch(b -> b.queueUrl(queue.url()).entries(entries));
    }

    private List<Delivery> deliveries() {
        return FlakyInvoiceWorker.deliveries(logName);
    }

    private List<Integer> receiveCounts(String body) {
        return deliveries().stream().filter(d -> d.body().equals(body)).map(Delivery::receiveCount).sorted().toList();
    }

    private List<Message> awaitDeadLetters(int count) {
        List<Message> dead = new CopyOnWriteArrayList<>();
        awaitTrue(() -> {
            dead.addAll(sqs.receiveMessage(b -> b.queueUrl(queue.deadLetterUrl()).waitTimeSeconds(1).maxNumberOfMessages(10)).messages());
            return dead.size() >= count;
        }, count + " message(s) in the DLQ");
        return dead;
    }

    private int messagesLeft(String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Waits for an outcome that takes visibility timeouts to happen; the deadline only bounds a broken run. */
    private static void awaitTrue(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still waiting after " + PATIENCE + " for: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

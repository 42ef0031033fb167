package com.billrun.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SQS-triggered test handler following the Billrun convention. Bodies starting with {@code fail} are reported
 * as batch item failures; a body {@code crash-once} makes the whole invocation throw on its first delivery; a body
 * starting with {@code slow} takes a moment, so a test can see how many invocations overlap.
 * Every delivery is logged under the {@code DELIVERY_LOG} variable so the test can read what the function saw.
 */
public final class FlakyInvoiceWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {

    public record Delivery(String body, int receiveCount, String eventSourceArn) {
    }

    private static final Map<String, List<Delivery>> LOGS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> IN_FLIGHT = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> MAX_IN_FLIGHT = new ConcurrentHashMap<>();
    private final String logName;
    private final List<Delivery> log;

    public FlakyInvoiceWorker() {
        this(System.getenv());
    }

    public FlakyInvoiceWorker(Map<String, String> env) {
        this.logName = env.get("DELIVERY_LOG");
        this.log = deliveries(logName);
    }

    /** The most invocations of this log's function that ran at the same time. */
    public static int maxInFlight(String logName) {
        return MAX_IN_FLIGHT.computeIfAbsent(logName, name -> new AtomicInteger()).get();
    }

    public static List<Delivery> deliveries(String logName) {
        return LOGS.computeIfAbsent(logName, name -> new CopyOnWriteArrayList<>());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        AtomicInteger inFlight = IN_FLIGHT.computeIfAbsent(logName, name -> new AtomicInteger());
        int now = inFlight.incrementAndGet();
        MAX_IN_FLIGHT.computeIfAbsent(logName, name -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        try {
            return handle(event);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private SQSBatchResponse handle(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            int receiveCount = Integer.parseInt(message.getAttributes().get("ApproximateReceiveCount"));
            log.add(new Delivery(message.getBody(), receiveCount, message.getEventSourceArn()));
            if (message.getBody().equals("crash-once") && receiveCount == 1) {
                throw new IllegalStateException("worker crashed on " + message.getMessageId());
            }
            if (message.getBody().startsWith("slow")) {
                pause();
            }
            if (message.getBody().startsWith("fail")) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

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

/**
 * An SQS-triggered test handler following the Billrun convention. Bodies starting with {@code fail} are reported
 * as batch item failures; a body {@code crash-once} makes the whole invocation throw on its first delivery.
 * Every delivery is logged under the {@code DELIVERY_LOG} variable so the test can read what the function saw.
 */
public final class FlakyInvoiceWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {

    public record Delivery(String body, int receiveCount, String eventSourceArn) {
    }

    private static final Map<String, List<Delivery>> LOGS = new ConcurrentHashMap<>();
    private final List<Delivery> log;

    public FlakyInvoiceWorker() {
        this(System.getenv());
    }

    public FlakyInvoiceWorker(Map<String, String> env) {
        this.log = deliveries(env.get("DELIVERY_LOG"));
    }

    public static List<Delivery> deliveries(String logName) {
        return LOGS.computeIfAbsent(logName, name -> new CopyOnWriteArrayList<>());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            int receiveCount = Integer.parseInt(message.getAttributes().get("ApproximateReceiveCount"));
            log.add(new Delivery(message.getBody(), receiveCount, message.getEventSourceArn()));
            if (message.getBody().equals("crash-once") && receiveCount == 1) {
                throw new IllegalStateException("worker crashed on " + message.getMessageId());
            }
            if (message.getBody().startsWith("fail")) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}

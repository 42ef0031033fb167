package com.billrun.local.events;

import com.billrun.local.lambda.Invocation;
import com.billrun.local.lambda.LambdaRunner;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * EventBridge's default bus, locally: {@link #publish} matches an event against every rule and invokes each matching
 * rule's target functions asynchronously on the Lambda runner (EventBridge invokes Lambda with the Event invocation
 * type), trying a failed invocation up to three times in all, as Lambda's asynchronous invocation does. Delivery is
 * at least once here as on AWS, so targets must be idempotent.
 */
public final class LocalEventBus implements AutoCloseable {

    static final int ATTEMPTS = 3;

    private final LambdaRunner runner;
    private final Duration retryDelay;
    private final List<EventRule> rules = new CopyOnWriteArrayList<>();
    private final ExecutorService deliveries = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("event-bus-delivery-", 0).factory());
    private volatile boolean closed;

    public LocalEventBus(LambdaRunner runner, Duration retryDelay) {
        this.runner = runner;
        this.retryDelay = retryDelay;
    }

    public void rule(EventRule rule) {
        rules.add(rule);
    }

    public List<EventRule> rules() {
        return List.copyOf(rules);
    }

    /** @return the rules the event matched (their targets are being invoked) */
    public List<EventRule> publish(JsonNode event) {
        if (closed) {
            return List.of();
        }
        List<EventRule> matched = rules.stream().filter(rule -> rule.pattern().matches(event)).toList();
        String payload = event.toString();
        for (EventRule rule : matched) {
            for (String function : rule.targetFunctions()) {
                deliveries.submit(() -> deliver(rule, function, payload));
            }
        }
        return matched;
    }

    private void deliver(EventRule rule, String function, String payload) {
        for (int attempt = 1; attempt <= ATTEMPTS && !closed; attempt++) {
            Invocation invocation;
            try {
                invocation = runner.invoke(function, payload);
            } catch (RuntimeException runnerClosed) {
                return;
            }
            if (!invocation.failed()) {
                return;
            }
            System.err.printf("event bus: rule %s -> %s failed (attempt %d of %d): %s%n", rule.name(), function, attempt,
                    ATTEMPTS, invocation.error().map(Object::toString).orElse("?"));
            try {
                Thread.sleep(retryDelay.multipliedBy(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        deliveries.shutdownNow();
    }
}

package com.billrun.local.aws;

import java.time.Duration;

/**
 * A queue and its dead-letter queue, as template.yaml declares them: messages received
 * {@code maxReceiveCount} times without being deleted move to {@code <name>-dlq}.
 */
public record QueueSpec(String name, Duration visibilityTimeout, int maxReceiveCount) {

    public QueueSpec {
        if (maxReceiveCount < 1) {
            throw new IllegalArgumentException("maxReceiveCount must be at least 1");
        }
    }

    public String deadLetterQueueName() {
        return name + "-dlq";
    }
}

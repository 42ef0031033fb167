package com.billrun.local.lambda;

import java.time.Duration;

/**
 * An SQS event source mapping as template.yaml declares it. The visibility timeout and the redrive to the DLQ
 * belong to the queue itself ({@link com.billrun.local.aws.QueueSpec}), as on AWS.
 */
public record SqsTrigger(String functionName, String queueUrl, String queueArn, int batchSize, Duration maxBatchingWindow,
                         boolean reportBatchItemFailures) {

    public SqsTrigger {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be 1..10000");
        }
    }
}

package com.billrun.local.lambda;

import java.time.Duration;

/**
 * An SQS event source mapping as template.yaml declares it. The visibility timeout and the redrive to the DLQ
 * belong to the queue itself ({@link com.billrun.local.aws.QueueSpec}), as on AWS. {@code maximumConcurrency} is
 * the mapping's {@code ScalingConfig.MaximumConcurrency}: how many batches are in flight at once.
 */
public record SqsTrigger(String functionName, String queueUrl, String queueArn, int batchSize, Duration maxBatchingWindow,
                         boolean reportBatchItemFailures, int maximumConcurrency) {

    /** Without a ScalingConfig AWS scales out freely; locally a few concurrent batches stand for that. */
    public static final int DEFAULT_LOCAL_CONCURRENCY = 4;

    public SqsTrigger {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be 1..10000");
        }
        if (maximumConcurrency < 1 || maximumConcurrency > 1000) {
            throw new IllegalArgumentException("maximumConcurrency must be 1..1000");
        }
    }

    public SqsTrigger(String functionName, String queueUrl, String queueArn, int batchSize, Duration maxBatchingWindow,
                      boolean reportBatchItemFailures) {
        this(functionName, queueUrl, queueArn, batchSize, maxBatchingWindow, reportBatchItemFailures, 1);
    }
}

package com.billrun.local.aws;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Creates queues with their DLQ redrive through the SQS API, so it works the same on ElasticMQ and LocalStack. */
public final class Queues {

    private Queues() {
    }

    public record CreatedQueue(String url, String arn, String deadLetterUrl, String deadLetterArn) {
    }

    public static CreatedQueue create(SqsClient sqs, QueueSpec spec) {
        String dlqUrl = sqs.createQueue(b -> b.queueName(spec.deadLetterQueueName())).queueUrl();
        String dlqArn = arn(sqs, dlqUrl);
        String redrivePolicy = "{\"deadLetterTargetArn\":\"%s\",\"maxReceiveCount\":\"%d\"}"
                .formatted(dlqArn, spec.maxReceiveCount());
        String url = sqs.createQueue(b -> b.queueName(spec.name()).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(spec.visibilityTimeout().toSeconds()),
                QueueAttributeName.REDRIVE_POLICY, redrivePolicy))).queueUrl();
        return new CreatedQueue(url, arn(sqs, url), dlqUrl, dlqArn);
    }

    /** One queue with the given attributes (e.g. a RedrivePolicy naming an existing DLQ's ARN); returns its URL and ARN. */
    public static CreatedQueue create(SqsClient sqs, String name, Map<QueueAttributeName, String> attributes) {
        String url = sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        return new CreatedQueue(url, arn(sqs, url), null, null);
    }

    private static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}

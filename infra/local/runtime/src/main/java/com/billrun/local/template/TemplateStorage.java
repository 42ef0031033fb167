package com.billrun.local.template;

import static com.billrun.local.template.SamTemplate.list;
import static com.billrun.local.template.SamTemplate.map;

import com.billrun.local.LocalRuntime;
import com.billrun.local.aws.Queues;
import com.billrun.local.aws.Queues.CreatedQueue;
import com.billrun.local.template.SamTemplate.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's DynamoDB tables (keys, GSIs; on-demand locally whatever the template says) and SQS queues
 * (visibility timeout, retention, redrive to their DLQ), created on the target and registered with the resolver
 * so that {@code !Ref}/{@code !GetAtt} of them resolve to the local name, URL and ARN.
 */
final class TemplateStorage {

    private final LocalRuntime runtime;
    private final SamTemplate template;
    private final LocalResolver resolver;

    TemplateStorage(LocalRuntime runtime, SamTemplate template, LocalResolver resolver) {
        this.runtime = runtime;
        this.template = template;
        this.resolver = resolver;
    }

    Map<String, String> createTables() {
        Map<String, String> tables = new LinkedHashMap<>();
        for (Resource table : template.resourcesOfType("AWS::DynamoDB::Table")) {
            Map<String, Object> p = table.properties();
            String name = Optional.ofNullable(resolver.string(p.get("TableName"))).orElse(table.logicalId());
            runtime.table(CreateTableRequest.builder().tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(list(p.get("AttributeDefinitions")).stream().map(d -> AttributeDefinition.builder()
                            .attributeName(resolver.string(map(d).get("AttributeName")))
                            .attributeType(resolver.string(map(d).get("AttributeType"))).build()).toList())
                    .keySchema(keySchema(p.get("KeySchema")))
                    .globalSecondaryIndexes(nullWhenEmpty(list(p.get("GlobalSecondaryIndexes")).stream().map(this::index).toList()))
                    .build());
            resolver.ref(table.logicalId(), name);
            resolver.attribute(table.logicalId(), "Arn", resolver.arn("dynamodb", "table/" + name));
            tables.put(table.logicalId(), name);
        }
        return tables;
    }

    private GlobalSecondaryIndex index(Object definition) {
        Map<String, Object> index = map(definition);
        Map<String, Object> projection = map(index.get("Projection"));
        return GlobalSecondaryIndex.builder()
                .indexName(resolver.string(index.get("IndexName")))
                .keySchema(keySchema(index.get("KeySchema")))
                .projection(Projection.builder()
                        .projectionType(Optional.ofNullable(resolver.string(projection.get("ProjectionType"))).orElse("ALL"))
                        .nonKeyAttributes(nullWhenEmpty(list(projection.get("NonKeyAttributes")).stream().map(resolver::string).toList()))
                        .build())
                .build();
    }

    private List<KeySchemaElement> keySchema(Object schema) {
        return list(schema).stream().map(k -> KeySchemaElement.builder()
                .attributeName(resolver.string(map(k).get("AttributeName")))
                .keyType(resolver.string(map(k).get("KeyType"))).build()).toList();
    }

    /** Queues that others use as DLQ go first, so that a RedrivePolicy can name their ARN. */
    Map<String, CreatedQueue> createQueues() {
        Map<String, CreatedQueue> queues = new LinkedHashMap<>();
        List<Resource> all = template.resourcesOfType("AWS::SQS::Queue");
        List<Resource> ordered = new ArrayList<>(all.stream().filter(q -> !q.properties().containsKey("RedrivePolicy")).toList());
        ordered.addAll(all.stream().filter(q -> q.properties().containsKey("RedrivePolicy")).toList());
        for (Resource queue : ordered) {
            Map<String, Object> p = queue.properties();
            String name = Optional.ofNullable(resolver.string(p.get("QueueName"))).orElse(queue.logicalId());
            Map<QueueAttributeName, String> attributes = new HashMap<>();
            Optional.ofNullable(resolver.string(p.get("VisibilityTimeout")))
                    .ifPresent(seconds -> attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, seconds));
            Optional.ofNullable(resolver.string(p.get("MessageRetentionPeriod")))
                    .ifPresent(seconds -> attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, seconds));
            Map<String, Object> redrive = map(resolver.resolve(p.get("RedrivePolicy")));
            if (!redrive.isEmpty()) {
                attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"%s\",\"maxReceiveCount\":\"%s\"}"
                        .formatted(redrive.get("deadLetterTargetArn"), redrive.get("maxReceiveCount")));
            }
            CreatedQueue created = Queues.create(runtime.sqs(), name, attributes);
            resolver.ref(queue.logicalId(), created.url());
            resolver.attribute(queue.logicalId(), "Arn", created.arn());
            resolver.attribute(queue.logicalId(), "QueueName", name);
            resolver.attribute(queue.logicalId(), "QueueUrl", created.url());
            queues.put(queue.logicalId(), created);
        }
        return queues;
    }

    /** The SDK sends an empty list as "present and empty", which DynamoDB refuses for indexes and projections. */
    private static <T> List<T> nullWhenEmpty(List<T> values) {
        return values.isEmpty() ? null : values;
    }
}

package com.billrun.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.billrun.aws.AwsClients;
import com.billrun.local.aws.EmbeddedAws;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The bench's meter on DynamoDB Local and ElasticMQ: what each kind of call is counted as, against the units AWS
 * documents (DynamoDB's developer guide, "Read/write capacity mode": a write of up to 1 KB is 1 write unit, a
 * strongly consistent read of up to 4 KB is 1 read unit and half that eventually consistent, a transactional
 * write is 2 write units per KB; SQS pricing: each 64 KB chunk of a payload is billed as one request).
 */
class UsageMeterTest {

    private static EmbeddedAws aws;
    private static UsageMeter meter;
    private static DynamoDbClient dynamoDb;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        aws = EmbeddedAws.start();
        meter = UsageMeter.install();
        Map<String, String> env = new HashMap<>(aws.env());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "Probe");
        dynamoDb = AwsClients.dynamoDb(env);
        sqs = AwsClients.sqs(env);
        dynamoDb.createTable(b -> b.tableName("meter").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("gpk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .globalSecondaryIndexes(g -> g.indexName("gsi").keySchema(k -> k.attributeName("gpk").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
    }

    @AfterAll
    static void stop() {
        meter.uninstall();
        dynamoDb.close();
        sqs.close();
        aws.close();
    }

    private static Map<String, AttributeValue> item(String pk, int bytes) {
        return Map.of("pk", AttributeValue.fromS(pk), "pad", AttributeValue.fromS("x".repeat(bytes)));
    }

    private static double measure(String name) {
        return meter.snapshot().getOrDefault("Probe", Map.of()).getOrDefault(name, 0.0);
    }

    @Test
    void dynamoDbUnitsAreCountedAsAwsBillsThemTransactionsTwice() {
        double wcu = measure("dynamodb.wcu");
        double rcu = measure("dynamodb.rcu");
        dynamoDb.putItem(b -> b.tableName("meter").item(item("a", 100)));          // 1 WCU
        dynamoDb.putItem(b -> b.tableName("meter").item(item("b", 1500)));         // 2 WCU (1.5 KB)
        assertEquals(3.0, measure("dynamodb.wcu") - wcu, 1e-9);
        dynamoDb.getItem(b -> b.tableName("meter").key(Map.of("pk", AttributeValue.fromS("a"))));                       // 0.5
        dynamoDb.getItem(b -> b.tableName("meter").key(Map.of("pk", AttributeValue.fromS("a"))).consistentRead(true));  // 1
        assertEquals(1.5, measure("dynamodb.rcu") - rcu, 1e-9);

        double beforeTransaction = measure("dynamodb.wcu");
        double itemsBefore = measure("dynamodb.transactionItems");
        dynamoDb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("meter").item(item("c", 100))).build(),
                TransactWriteItem.builder().put(p -> p.tableName("meter").item(item("d", 100))).build()));
        assertEquals(2.0, measure("dynamodb.transactionItems") - itemsBefore, 1e-9);
        assertEquals(4.0, measure("dynamodb.wcu") - beforeTransaction, 1e-9,
                "AWS bills a transaction's items twice, and DynamoDB Local reports them so");
    }

    @Test
    void aWriteToAnIndexedItemCountsTheIndexWriteToo() {
        double wcu = measure("dynamodb.wcu");
        dynamoDb.putItem(b -> b.tableName("meter").item(Map.of("pk", AttributeValue.fromS("g"), "gpk", AttributeValue.fromS("x"))));
        System.out.println("indexed put: " + (measure("dynamodb.wcu") - wcu));
        assertEquals(2.0, measure("dynamodb.wcu") - wcu, 1e-9, "1 for the table, 1 for the index (projection ALL)");
    }

    @Test
    void sqsRequestsAreCountedPer64KibChunk() {
        String queue = sqs.createQueue(b -> b.queueName("meter-probe")).queueUrl();
        double before = measure("sqs.requests");
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("small"));          // 1
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("y".repeat(100_000))); // 2 chunks
        assertEquals(3.0, measure("sqs.requests") - before, 1e-9);
    }
}

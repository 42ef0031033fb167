package com.billrun.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.billrun.aws.AwsClients;
import com.billrun.local.aws.EmbeddedAws;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
        dynamoDb.transactWriteItems(b -> b.transactItems(put(item("c", 100)), put(item("d", 100))));
        assertEquals(2.0, measure("dynamodb.transactionItems") - itemsBefore, 1e-9);
        assertEquals(4.0, measure("dynamodb.wcu") - beforeTransaction, 1e-9, "AWS bills a transaction's items twice");
    }

    @Test
    void aWriteToAnIndexedItemCountsTheIndexWritesToo() {
        double wcu = measure("dynamodb.wcu");
        dynamoDb.putItem(b -> b.tableName("meter").item(Map.of("pk", AttributeValue.fromS("g"), "gpk", AttributeValue.fromS("x"))));
        assertEquals(2.0, measure("dynamodb.wcu") - wcu, 1e-9, "1 for the table, 1 for the index (projection ALL)");
        double beforeUpdate = measure("dynamodb.wcu");
        dynamoDb.updateItem(b -> b.tableName("meter").key(Map.of("pk", AttributeValue.fromS("g")))
                .updateExpression("SET extra = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromS("1"))));
        double beforeKeyChange = measure("dynamodb.wcu");
        dynamoDb.updateItem(b -> b.tableName("meter").key(Map.of("pk", AttributeValue.fromS("g")))
                .updateExpression("SET gpk = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromS("y"))));
        assertEquals(2.0, beforeKeyChange - beforeUpdate, 1e-9, "the index entry is rewritten (projection ALL)");
        assertEquals(3.0, measure("dynamodb.wcu") - beforeKeyChange, 1e-9, "a new index key: a delete and a put");
    }

    @Test
    void aTransactionIsCountedTwoUnitsPerKbOfEachItemAndOnePerIndexEntryWhateverDynamoDbLocalReports() {
        double wcu = measure("dynamodb.wcu");
        double local = measure("dynamodb.localReportedTransactionWcu");
        double indexKeyBefore = keyWrites("gsi x");
        List<TransactWriteItem> puts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            puts.add(put(item("t" + i, 100)));                                        // 2 each
        }
        Map<String, AttributeValue> indexed = new HashMap<>(item("ti", 1500));
        indexed.put("gpk", AttributeValue.fromS("x"));
        puts.add(put(indexed));                                  // 2 KB: 4 for the item, 2 for its index entry
        dynamoDb.transactWriteItems(b -> b.transactItems(puts));
        assertEquals(26.0, measure("dynamodb.wcu") - wcu, 1e-9);
        assertEquals(2.0, keyWrites("gsi x") - indexKeyBefore, 1e-9, "the index key that took the index entry");
        assertEquals(4.0, keyWrites("table ti"), 1e-9, "the table's key that took the item: 2 KB, twice");

        double tenSmall = measure("dynamodb.wcu");
        double localTenSmall = measure("dynamodb.localReportedTransactionWcu");
        dynamoDb.transactWriteItems(b -> b.transactItems(puts.subList(0, 10).stream()
                .map(p -> put(item(p.put().item().get("pk").s() + "-again", 100))).toList()));
        assertEquals(20.0, measure("dynamodb.wcu") - tenSmall, 1e-9);
        assertEquals(4.0, measure("dynamodb.localReportedTransactionWcu") - localTenSmall, 1e-9,
                "DynamoDB Local reports 4 units for 1, 2, 3, 10 or 40 small items alike: not what AWS bills");

        double beforeUpdates = measure("dynamodb.wcu");
        dynamoDb.transactWriteItems(b -> b.transactItems(update("ti", "SET #z = :z", Map.of("#z", "z")), put(item("u", 10))));
        assertEquals(6.0 + 2.0, measure("dynamodb.wcu") - beforeUpdates, 1e-9, "2 KB, its index entry rewritten");
        double beforeKeyChange = measure("dynamodb.wcu");
        dynamoDb.transactWriteItems(b -> b.transactItems(update("ti", "SET gpk = :z", Map.of()), put(item("v", 10))));
        assertEquals(8.0 + 2.0, measure("dynamodb.wcu") - beforeKeyChange, 1e-9, "a new index key: a delete and a put");
    }

    @Test
    void everyWriteTellsWhichPartitionKeysOfTheTableAndItsIndexesTookItsUnits() {
        Map<String, AttributeValue> indexed = new HashMap<>(item("k1", 100));
        indexed.put("gpk", AttributeValue.fromS("k-index-1"));
        dynamoDb.putItem(b -> b.tableName("meter").item(indexed));
        assertEquals(1.0, keyWrites("table k1"), 1e-9);
        assertEquals(1.0, keyWrites("gsi k-index-1"), 1e-9);

        dynamoDb.updateItem(b -> b.tableName("meter").key(Map.of("pk", AttributeValue.fromS("k1")))
                .updateExpression("SET gpk = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromS("k-index-2"))));
        assertEquals(2.0, keyWrites("table k1"), 1e-9, "the updated item, read back: 1 KB");
        assertEquals(2.0, keyWrites("gsi k-index-2"), 1e-9, "its index key changed: a delete and a put");

        dynamoDb.batchWriteItem(b -> b.requestItems(Map.of("meter", List.of(
                software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(r -> r.item(item("k2", 1500))).build(),
                software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(r -> r.item(item("k3", 100))).build()))));
        assertEquals(2.0, keyWrites("table k2"), 1e-9, "1.5 KB");
        assertEquals(1.0, keyWrites("table k3"), 1e-9);

        dynamoDb.deleteItem(b -> b.tableName("meter").key(Map.of("pk", AttributeValue.fromS("k3"))));
        assertEquals(2.0, keyWrites("table k3"), 1e-9, "a delete: 1 unit, the item's size unknown");

        dynamoDb.transactWriteItems(b -> b.transactItems(put(item("k4", 100)), update("k2", "SET #z = :z", Map.of("#z", "z"))));
        assertEquals(2.0, keyWrites("table k4"), 1e-9, "in a transaction, twice");
        assertEquals(6.0, keyWrites("table k2"), 1e-9, "2 + the transaction's 2 KB twice");
    }

    private static double keyWrites(String key) {
        return meter.keyWrites().getOrDefault(key, 0.0);
    }

    private static TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName("meter").item(item)).build();
    }

    private static TransactWriteItem update(String pk, String expression, Map<String, String> names) {
        return TransactWriteItem.builder().update(u -> u.tableName("meter").key(Map.of("pk", AttributeValue.fromS(pk)))
                .updateExpression(expression).expressionAttributeNames(names.isEmpty() ? null : names)
                .expressionAttributeValues(Map.of(":z", AttributeValue.fromS("1")))).build();
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

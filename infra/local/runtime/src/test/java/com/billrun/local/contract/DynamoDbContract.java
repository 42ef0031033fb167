package com.billrun.local.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.aws.AwsClients;
import com.billrun.local.aws.AwsTarget;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The DynamoDB behaviour the bill run relies on: conditional writes and all-or-nothing transactions. */
public abstract class DynamoDbContract {

    protected abstract AwsTarget target();

    private DynamoDbClient dynamoDb;
    private String table;

    @BeforeEach
    void createTable() {
        dynamoDb = AwsClients.dynamoDb(target().env());
        table = "contract-" + UUID.randomUUID();
        dynamoDb.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    @AfterEach
    void dropTable() {
        dynamoDb.deleteTable(b -> b.tableName(table));
        dynamoDb.close();
    }

    @Test
    void aSecondCreateOfTheSameInvoiceIsRefusedByItsCondition() {
        putIfAbsent("INVOICE#1", "145.16");

        assertThrows(ConditionalCheckFailedException.class, () -> putIfAbsent("INVOICE#1", "999.99"));
        assertEquals("145.16", get("INVOICE#1").get("total").s());
    }

    @Test
    void aTransactionWhoseConditionFailsWritesNothingAtAll() {
        putIfAbsent("CHARGE#1", "charged through 2026-01-31");

        var invoice = TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(Map.of("pk", s("INVOICE#2"), "total", s("10.00")))).build();
        var advanceCharge = TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(Map.of("pk", s("CHARGE#1"), "total", s("charged through 2026-02-28")))
                .conditionExpression("attribute_not_exists(pk)")).build();

        var refused = assertThrows(TransactionCanceledException.class,
                () -> dynamoDb.transactWriteItems(b -> b.transactItems(invoice, advanceCharge)));
        assertEquals("ConditionalCheckFailed", refused.cancellationReasons().get(1).code());
        assertTrue(get("INVOICE#2").isEmpty(), "the invoice of the cancelled transaction must not exist");
        assertEquals("charged through 2026-01-31", get("CHARGE#1").get("total").s());
    }

    @Test
    void aTransactionWhoseConditionsHoldWritesEverything() {
        var first = TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(Map.of("pk", s("A"), "total", s("1"))).conditionExpression("attribute_not_exists(pk)")).build();
        var second = TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(Map.of("pk", s("B"), "total", s("2"))).conditionExpression("attribute_not_exists(pk)")).build();

        dynamoDb.transactWriteItems(b -> b.transactItems(first, second));

        assertFalse(get("A").isEmpty());
        assertFalse(get("B").isEmpty());
    }

    private void putIfAbsent(String pk, String total) {
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of("pk", s(pk), "total", s(total)))
                .conditionExpression("attribute_not_exists(pk)"));
    }

    private Map<String, AttributeValue> get(String pk) {
        return dynamoDb.getItem(b -> b.tableName(table).key(Map.of("pk", s(pk))).consistentRead(true)).item();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}

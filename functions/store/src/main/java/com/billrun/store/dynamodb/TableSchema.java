package com.billrun.store.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The table's keys and indexes as this module expects them: the same as {@code BillrunTable} in template.yaml
 * (which deploys it), for tests and tools that create a table of their own.
 */
public final class TableSchema {

    private TableSchema() {
    }

    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder().tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(List.of(Keys.PK, Keys.SK, Keys.GSI1PK, Keys.GSI1SK, Keys.GSI2PK, Keys.GSI2SK).stream()
                        .map(name -> AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build())
                        .toList())
                .keySchema(key(Keys.PK, Keys.SK))
                .globalSecondaryIndexes(index(Keys.GSI1, Keys.GSI1PK, Keys.GSI1SK), index(Keys.GSI2, Keys.GSI2PK, Keys.GSI2SK))
                .build();
    }

    private static GlobalSecondaryIndex index(String name, String hash, String range) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(key(hash, range))
                .projection(p -> p.projectionType(ProjectionType.ALL)).build();
    }

    private static List<KeySchemaElement> key(String hash, String range) {
        return List.of(KeySchemaElement.builder().attributeName(hash).keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build());
    }
}

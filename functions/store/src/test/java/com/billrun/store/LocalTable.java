package com.billrun.store;

import com.billrun.aws.AwsClients;
import com.billrun.local.aws.EmbeddedAws;
import com.billrun.store.dynamodb.TableSchema;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A fresh Billrun table on the embedded DynamoDB Local, started once for the whole test JVM (start-up is the slow
 * part; each test class gets its own table, so tests never see each other's items).
 */
final class LocalTable {

    private static EmbeddedAws aws;
    private static DynamoDbClient dynamoDb;

    private LocalTable() {
    }

    static synchronized BillrunStore create() {
        if (aws == null) {
            aws = EmbeddedAws.start();
            dynamoDb = AwsClients.dynamoDb(aws.env());
            Runtime.getRuntime().addShutdownHook(new Thread(aws::close));
        }
        String name = "billrun-" + UUID.randomUUID();
        dynamoDb.createTable(TableSchema.createTableRequest(name));
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(name));
        return BillrunStore.of(dynamoDb, name);
    }
}

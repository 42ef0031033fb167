package com.billrun.store;

import com.billrun.aws.AwsClients;
import com.billrun.local.aws.EmbeddedAws;
import com.billrun.store.dynamodb.TableSchema;
import java.net.URI;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
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

    /** Another client of the same DynamoDB Local, with {@code interceptor} on its requests (a fault to inject). */
    static synchronized DynamoDbClient client(ExecutionInterceptor interceptor) {
        create(); // started, and a table made, as for any test
        var env = aws.env();
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(env.get(AwsClients.ENDPOINT_DYNAMODB)))
                .region(Region.of(env.get(AwsClients.REGION)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        env.get(AwsClients.ACCESS_KEY_ID), env.get(AwsClients.SECRET_ACCESS_KEY))))
                .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor))
                .build();
    }
}

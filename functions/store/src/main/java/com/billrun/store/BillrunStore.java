package com.billrun.store;

import com.billrun.aws.AwsClients;
import com.billrun.store.dynamodb.Table;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The store of one Lambda container: the table named by {@code TABLE_NAME} and every repository over it. Build it
 * once, in the handler's constructor.
 */
public record BillrunStore(Table table, BillRunRepository billRuns, InvoiceRepository invoices,
                           AccountRepository accounts, SubscriptionRepository subscriptions, UsageRepository usage,
                           TenantSettingsRepository settings, BatchRepository batches, RunAccountRepository runAccounts,
                           AccountBillingWriter billingWriter, Counters counters, ScheduleRepository schedules) {

    public static final String TABLE_NAME = "TABLE_NAME";

    public static BillrunStore fromEnv(Map<String, String> env) {
        return of(AwsClients.dynamoDb(env), env.get(TABLE_NAME));
    }

    public static BillrunStore of(DynamoDbClient dynamoDb, String tableName) {
        Table table = new Table(dynamoDb, tableName);
        return new BillrunStore(table, new BillRunRepository(table), new InvoiceRepository(table),
                new AccountRepository(table), new SubscriptionRepository(table), new UsageRepository(table),
                new TenantSettingsRepository(table), new BatchRepository(table), new RunAccountRepository(table),
                new AccountBillingWriter(table), new Counters(table), new ScheduleRepository(table));
    }
}

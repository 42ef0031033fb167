package com.billrun.store;

import com.billrun.core.Subscription;
import com.billrun.store.dynamodb.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Loads many accounts with their subscriptions at once (BatchWriteItem, 25 items a call: each account with its
 * listing item, each subscription with its reference item, as {@link AccountRepository#create} and
 * {@link SubscriptionRepository#create} write them), for data migrations,
 * the demo and the benchmark. Unlike {@link AccountRepository#create} it overwrites without asking: use it on
 * fresh data only.
 */
public final class BulkLoad {

    /** One account and its subscriptions, all new. */
    public record NewAccount(CustomerAccount account, List<Subscription> subscriptions) {
    }

    private final Table table;

    public BulkLoad(Table table) {
        this.table = table;
    }

    public void load(String tenantId, List<NewAccount> accounts) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (NewAccount loaded : accounts) {
            String accountId = loaded.account().id();
            items.add(AccountMapper.toItem(tenantId, loaded.account()));
            items.add(AccountMapper.listingItem(tenantId, loaded.account()));
            loaded.subscriptions().forEach(subscription -> {
                items.add(SubscriptionMapper.toItem(tenantId, new StoredSubscription(accountId, subscription, 1)));
                items.add(SubscriptionMapper.referenceItem(tenantId, accountId, subscription.id()));
            });
        }
        table.putAll(items);
    }
}

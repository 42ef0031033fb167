package com.billrun.store;

import com.billrun.core.Subscription;
import com.billrun.store.dynamodb.Keys;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes accounts and subscriptions as they were stored before the index keys moved to listing and reference items
 * (DATA-MODEL.md, "Index keys on items of their own"): the account item itself in GSI1 (accounts by batch) and GSI2
 * (by bill cycle day), the subscription item itself in GSI1 (by id), neither with a {@code LISTING} or
 * {@code SUBREF#} item. A table written before the change holds such items, and they must still list, select, bill
 * and be found.
 */
public final class EarlierLayout {

    private EarlierLayout() {
    }

    public static void account(BillrunStore store, String tenantId, CustomerAccount account) {
        Map<String, AttributeValue> item = new HashMap<>(AccountMapper.toItem(tenantId, account));
        item.put(Keys.GSI1PK, AttributeValue.fromS(Keys.accountsIndex(tenantId)));
        item.put(Keys.GSI1SK, AttributeValue.fromS(Keys.accountsIndexSort(account.batch(), account.id())));
        item.put(Keys.GSI2PK, AttributeValue.fromS(Keys.billCycleDayIndex(tenantId, account.billCycleDay())));
        item.put(Keys.GSI2SK, AttributeValue.fromS("A#" + account.id()));
        store.table().put(item);
    }

    public static void subscription(BillrunStore store, String tenantId, String accountId, Subscription subscription) {
        Map<String, AttributeValue> item = new HashMap<>(SubscriptionMapper.toItem(tenantId,
                new StoredSubscription(accountId, subscription, 1)));
        item.put(Keys.GSI1PK, AttributeValue.fromS(Keys.subscriptionIndex(tenantId, subscription.id())));
        item.put(Keys.GSI1SK, AttributeValue.fromS("SUB"));
        store.table().put(item);
    }
}

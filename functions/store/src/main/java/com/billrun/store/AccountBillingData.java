package com.billrun.store;

import com.billrun.core.Subscription;
import com.billrun.core.UsageRecord;
import java.util.List;
import java.util.Optional;

/**
 * Everything needed to bill one account, read in one query of its item collection: the account, its
 * subscriptions (with the versions their writes must name) and its usage.
 */
public record AccountBillingData(CustomerAccount account, List<StoredSubscription> subscriptions,
                                 List<UsageRecord> usage) {

    public AccountBillingData {
        subscriptions = List.copyOf(subscriptions);
        usage = List.copyOf(usage);
    }

    public List<Subscription> engineSubscriptions() {
        return subscriptions.stream().map(StoredSubscription::subscription).toList();
    }

    public Optional<StoredSubscription> subscription(String subscriptionId) {
        return subscriptions.stream().filter(s -> s.id().equals(subscriptionId)).findFirst();
    }
}

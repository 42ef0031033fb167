package com.billrun.store;

import com.billrun.core.Subscription;

/**
 * A subscription with its charges and their charged-through dates, and the {@code version} every write of its
 * billing state must name: a writer that read an older version is refused (optimistic locking), which is what
 * keeps two concurrent runs from billing one period twice.
 */
public record StoredSubscription(String accountId, Subscription subscription, long version) {

    public String id() {
        return subscription.id();
    }
}

package com.billrun.usecases.accounts;

import com.billrun.core.BillingDataException;
import com.billrun.store.NotFoundException;
import com.billrun.store.StoredSubscription;
import com.billrun.store.SubscriptionRepository;
import java.time.LocalDate;

/**
 * Cancels a subscription from {@code effectiveDate}, the first day without service (RULES.md: end dates are
 * exclusive). Days already billed after it are credited by the next run. A cancellation may bring an end date
 * forward, never push it back: extending a subscription is a change of contract, not a cancellation.
 */
public final class CancelSubscription {

    private static final int ATTEMPTS = 3;

    private final SubscriptionRepository subscriptions;

    public CancelSubscription(SubscriptionRepository subscriptions) {
        this.subscriptions = subscriptions;
    }

    public StoredSubscription cancel(String tenantId, String subscriptionId, LocalDate effectiveDate) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StoredSubscription read = subscriptions.find(tenantId, subscriptionId)
                    .orElseThrow(() -> new NotFoundException("subscription", subscriptionId));
            LocalDate start = read.subscription().startDate();
            LocalDate end = read.subscription().endDate();
            if (effectiveDate.isBefore(start)) {
                throw new BillingDataException("effectiveDate", "is before the subscription's startDate " + start);
            }
            if (end != null && !effectiveDate.isBefore(end)) {
                if (effectiveDate.equals(end)) {
                    return read;
                }
                throw new AccountConflictException("subscription " + subscriptionId + " already ends on " + end
                        + "; a cancellation cannot extend it");
            }
            if (subscriptions.endOn(tenantId, read, effectiveDate)) {
                return new StoredSubscription(read.accountId(), read.subscription().endingOn(effectiveDate), read.version() + 1);
            }
            // A run billed it in between: read the new version and decide again.
        }
        throw new AccountConflictException("subscription " + subscriptionId + " kept changing; send the cancellation again");
    }
}

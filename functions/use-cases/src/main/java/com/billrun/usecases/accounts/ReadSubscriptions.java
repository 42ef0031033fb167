package com.billrun.usecases.accounts;

import com.billrun.store.NotFoundException;
import com.billrun.store.Page;
import com.billrun.store.StoredSubscription;
import com.billrun.store.SubscriptionRepository;
import java.time.Clock;
import java.time.LocalDate;

/**
 * A subscription as the portal reads it ({@code GET /subscriptions/{id}}, {@code GET /accounts/{id}/subscriptions}):
 * its charges with their charged-through dates, and its status today, derived on each read like an account's
 * (the UTC date; nothing stored): PENDING before its start date, ENDED from its end date (the first day without
 * service, set by a cancellation or at creation), ACTIVE in between.
 */
public final class ReadSubscriptions {

    /** Where a subscription stands today. */
    public enum Status { PENDING, ACTIVE, ENDED }

    /** A stored subscription and its status today. */
    public record SubscriptionStanding(StoredSubscription stored, Status status) {
    }

    private final SubscriptionRepository subscriptions;
    private final Clock clock;

    public ReadSubscriptions(SubscriptionRepository subscriptions, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /** @throws NotFoundException when the tenant has no such subscription */
    public SubscriptionStanding find(String tenantId, String subscriptionId) {
        return subscriptions.find(tenantId, subscriptionId).map(this::standing)
                .orElseThrow(() -> new NotFoundException("subscription", subscriptionId));
    }

    /** One page of the account's subscriptions (the caller has checked the account is the tenant's). */
    public Page<SubscriptionStanding> ofAccount(String tenantId, String accountId, String cursor, int limit) {
        Page<StoredSubscription> page = subscriptions.ofAccount(tenantId, accountId, cursor, limit);
        return new Page<>(page.items().stream().map(this::standing).toList(), page.nextCursor());
    }

    public SubscriptionStanding standing(StoredSubscription stored) {
        return new SubscriptionStanding(stored, statusOf(stored, LocalDate.now(clock)));
    }

    static Status statusOf(StoredSubscription stored, LocalDate today) {
        if (stored.subscription().endDate() != null && !today.isBefore(stored.subscription().endDate())) {
            return Status.ENDED;
        }
        return today.isBefore(stored.subscription().startDate()) ? Status.PENDING : Status.ACTIVE;
    }
}

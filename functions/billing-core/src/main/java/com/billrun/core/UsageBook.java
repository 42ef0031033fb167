package com.billrun.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The request's usage records, grouped by subscription and charge. A record naming no subscription of the
 * account fails the account; a bad record of a known subscription fails only that subscription.
 */
final class UsageBook {

    private final List<UsageRecord> usage;
    private final Map<String, List<Integer>> recordsBySubscription = new HashMap<>();

    UsageBook(BillingRequest request) {
        this.usage = request.usage();
        Set<String> subscriptionIds = new HashSet<>();
        for (Subscription subscription : request.subscriptions()) {
            subscriptionIds.add(subscription.id());
        }
        for (int i = 0; i < usage.size(); i++) {
            UsageRecord record = usage.get(i);
            if (record == null || !subscriptionIds.contains(record.subscriptionId())) {
                throw new BillingDataException("usage[" + i + "]" + (record == null ? "" : ".subscriptionId"),
                        "is not a usage record of a subscription of the account");
            }
            recordsBySubscription.computeIfAbsent(record.subscriptionId(), id -> new ArrayList<>()).add(i);
        }
    }

    /** This subscription's usage by charge id, validated against its usage charges. */
    Map<String, List<UsageRecord>> byCharge(Subscription subscription) {
        List<Integer> indices = recordsBySubscription.getOrDefault(subscription.id(), List.of());
        Map<String, List<UsageRecord>> byCharge = new HashMap<>();
        for (int i : indices) {
            UsageRecord record = usage.get(i);
            try {
                check(subscription, record);
            } catch (BillingDataException e) {
                throw e.within("usage[" + i + "].");
            }
            byCharge.computeIfAbsent(record.chargeId(), id -> new ArrayList<>()).add(record);
        }
        return byCharge;
    }

    private static void check(Subscription subscription, UsageRecord record) {
        Check.require(isUsageCharge(subscription, record.chargeId()), "chargeId",
                "is not a usage charge of the subscription");
        Check.present(record.date(), "date");
        Check.present(record.quantity(), "quantity");
        Check.require(record.quantity().signum() >= 0, "quantity", "must not be negative");
    }

    private static boolean isUsageCharge(Subscription subscription, String chargeId) {
        for (Charge charge : subscription.charges()) {
            if (charge.type() == ChargeType.USAGE && charge.id().equals(chargeId)) {
                return true;
            }
        }
        return false;
    }
}

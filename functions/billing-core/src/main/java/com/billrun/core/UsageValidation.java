package com.billrun.core;

import java.util.List;

/**
 * The request's usage records. A record naming no subscription of the account fails the account; a bad record
 * of a known subscription fails only that subscription. Plain scans, no maps: accounts hold few subscriptions
 * and this runs once per account per run.
 */
public final class UsageValidation {

    private UsageValidation() {
    }

    /**
     * The API's check of one usage record of {@code subscription} before it is stored: the rule a run applies, so a
     * record the API accepts never fails the subscription later. Fields are named relative to the record.
     */
    public static void validate(Subscription subscription, UsageRecord record) {
        check(subscription, record);
    }

    static void checkAccount(BillingRequest request) {
        List<UsageRecord> usage = request.usage();
        for (int i = 0; i < usage.size(); i++) {
            UsageRecord record = usage.get(i);
            if (record == null || !isSubscriptionOf(request.subscriptions(), record.subscriptionId())) {
                throw new BillingDataException("usage[" + i + "]" + (record == null ? "" : ".subscriptionId"),
                        "is not a usage record of a subscription of the account");
            }
        }
    }

    static void checkSubscription(Subscription subscription, List<UsageRecord> usage) {
        for (int i = 0; i < usage.size(); i++) {
            UsageRecord record = usage.get(i);
            if (!record.subscriptionId().equals(subscription.id())) {
                continue;
            }
            try {
                check(subscription, record);
            } catch (BillingDataException e) {
                throw e.within("usage[" + i + "].");
            }
        }
    }

    private static void check(Subscription subscription, UsageRecord record) {
        Check.require(isUsageCharge(subscription, record.chargeId()), "chargeId",
                "is not a usage charge of the subscription");
        Check.present(record.date(), "date");
        Check.present(record.quantity(), "quantity");
        Check.require(record.quantity().signum() >= 0, "quantity", "must not be negative");
    }

    private static boolean isSubscriptionOf(List<Subscription> subscriptions, String subscriptionId) {
        for (Subscription subscription : subscriptions) {
            if (subscription.id() != null && subscription.id().equals(subscriptionId)) {
                return true;
            }
        }
        return false;
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

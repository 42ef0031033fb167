package com.billrun.core;

import java.time.temporal.ChronoUnit;

/**
 * The share of a full period's price that a service period bills (functions/billing-core/RULES.md Proration): its days over the
 * days of the full period that contains it (ACTUAL_DAYS), or over 30 per month of the period
 * (THIRTY_DAY_MONTH, i.e. a day costs a thirtieth of a month; WEEK periods always use 7). A whole period bills
 * exactly its price, and a part never more than the whole.
 */
record Proration(long days, long fullDays) {

    static final Proration FULL = new Proration(1, 1);

    static Proration of(ServicePeriod period, BillingPeriod length, ProrationMethod method) {
        if (period.isWholeCyclePeriod()) {
            return FULL;
        }
        long days = ChronoUnit.DAYS.between(period.start(), period.endExclusive());
        long fullDays = method == ProrationMethod.THIRTY_DAY_MONTH && length.months() > 0
                ? 30L * length.months()
                : ChronoUnit.DAYS.between(period.fullStart(), period.fullEndExclusive());
        return days >= fullDays ? FULL : new Proration(days, fullDays);
    }

    boolean isFull() {
        return days >= fullDays;
    }
}

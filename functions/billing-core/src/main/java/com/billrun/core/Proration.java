package com.billrun.core;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The share of a full period's price that a service period bills (functions/billing-core/RULES.md Proration): its
 * days over the days of the full period that contains it (ACTUAL_DAYS), its actual days over 30 per month of the
 * period (THIRTY_DAY_MONTH, 30-actual/360), or its 30/360 days over 30 per month (THIRTY_360); WEEK periods always
 * count actual days over 7. A whole period bills exactly its price, and a part never more than the whole.
 */
record Proration(long days, long fullDays) {

    static final Proration FULL = new Proration(1, 1);

    static Proration of(ServicePeriod period, BillingPeriod length, ProrationMethod method) {
        if (period.isWholeCyclePeriod()) {
            return FULL;
        }
        Proration share = ratio(period.start(), period.endExclusive(), period.fullStart(), period.fullEndExclusive(),
                length, method);
        return share.isFull() ? FULL : share;
    }

    /**
     * The day-count ratio of {@code [start, endExclusive)} inside the full period {@code [fullStart, fullEndExclusive)},
     * before the whole-period rule: Zuora's published ratios (RULES.md) are this ratio.
     */
    static Proration ratio(LocalDate start, LocalDate endExclusive, LocalDate fullStart, LocalDate fullEndExclusive,
                           BillingPeriod length, ProrationMethod method) {
        if (length.months() == 0 || method == ProrationMethod.ACTUAL_DAYS) {
            return new Proration(ChronoUnit.DAYS.between(start, endExclusive),
                    ChronoUnit.DAYS.between(fullStart, fullEndExclusive));
        }
        long days = method == ProrationMethod.THIRTY_360
                ? thirty360(start, endExclusive)
                : ChronoUnit.DAYS.between(start, endExclusive);
        return new Proration(days, 30L * length.months());
    }

    /**
     * Days of {@code [start, endExclusive)} under 30E/360 (European): every month has 30 days, a 31st counts as
     * the 30th, February ends on its last day (so 28 Feb to 1 Mar is 3 days: February is "filled up" to 30).
     */
    static long thirty360(LocalDate start, LocalDate endExclusive) {
        return dayNumber(endExclusive) - dayNumber(start);
    }

    private static long dayNumber(LocalDate day) {
        return 360L * day.getYear() + 30L * (day.getMonthValue() - 1) + Math.min(day.getDayOfMonth(), 30);
    }

    boolean isFull() {
        return days >= fullDays;
    }
}

package com.billrun.core;

/** The length of a recurring or usage period; month-based ones are aligned to the bill cycle day. */
public enum BillingPeriod {
    WEEK(0), MONTH(1), QUARTER(3), SEMI_ANNUAL(6), ANNUAL(12);

    private final int months;

    BillingPeriod(int months) {
        this.months = months;
    }

    /** Months in one period; 0 for WEEK, which counts days instead. */
    int months() {
        return months;
    }
}

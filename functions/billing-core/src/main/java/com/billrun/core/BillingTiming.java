package com.billrun.core;

import java.time.LocalDate;

/** Whether a recurring period is billed at its start or after its end (functions/billing-core/RULES.md What a run bills). */
public enum BillingTiming {
    IN_ADVANCE, IN_ARREARS;

    /**
     * In advance bills a period that starts on or before the target date; in arrears (and usage) one whose
     * last day is on or before it.
     */
    boolean isDue(ServicePeriod period, LocalDate targetDate) {
        return this == IN_ADVANCE
                ? !period.start().isAfter(targetDate)
                : !period.endExclusive().isAfter(targetDate.plusDays(1));
    }
}

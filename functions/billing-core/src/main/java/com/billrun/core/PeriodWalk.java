package com.billrun.core;

import java.time.LocalDate;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Walks a charge's service periods from a date, period after period, while they are due and before a cap. */
final class PeriodWalk {

    private PeriodWalk() {
    }

    /** Bills each due period of {@code [from, cap)} in order; returns the first day left unbilled. */
    static LocalDate walk(ChargeRun run, LocalDate from, LocalDate cap, Predicate<ServicePeriod> due,
                          Consumer<ServicePeriod> bill) {
        BillingCycle cycle = run.cycle();
        LocalDate next = from;
        while (cap == null || next.isBefore(cap)) {
            ServicePeriod period = cycle.periodFrom(next, cap);
            if (!due.test(period)) {
                break;
            }
            bill.accept(period);
            next = period.endExclusive();
        }
        return next;
    }
}

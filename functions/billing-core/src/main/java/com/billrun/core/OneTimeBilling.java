package com.billrun.core;

import java.time.LocalDate;

/**
 * ONE_TIME charges (functions/billing-core/RULES.md What a run bills): billed once, by the first run whose target date is on or
 * after the charge date, unless the subscription ended before that date. The charged-through date becomes the
 * day after the charge date.
 */
final class OneTimeBilling {

    private OneTimeBilling() {
    }

    static void bill(ChargeRun run) {
        LocalDate day = run.chargeStart();
        LocalDate end = run.subscription.endDate();
        boolean billed = run.charge.chargedThroughDate() != null;
        if (billed || day.isAfter(run.targetDate) || (end != null && !day.isBefore(end))) {
            return;
        }
        Rating.Rated rated = Rating.rate(run.charge, run.charge.quantity());
        run.bill(ItemKind.CHARGE, ServicePeriod.singleDay(day), rated, run.money.round(rated.amount()),
                Proration.FULL);
        run.chargeThrough(day.plusDays(1));
    }
}

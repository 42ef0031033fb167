package com.billrun.core;

import java.time.LocalDate;
import java.util.List;

/**
 * RECURRING charges (functions/billing-core/RULES.md What a run bills): every due period from the charged-through date, cut at the
 * subscription end, prorated when partial. When the subscription ended before the charged-through date (a
 * cancellation after billing in advance), the run instead credits the unused days, period by period and
 * prorated the same way (with the discount given back), and moves the charged-through date back to the end.
 */
final class RecurringBilling {

    private RecurringBilling() {
    }

    static void bill(ChargeRun run) {
        LocalDate end = run.subscription.endDate();
        LocalDate billedThrough = run.charge.chargedThroughDate();
        if (end != null && billedThrough != null && billedThrough.isAfter(end)) {
            credit(run, end, billedThrough);
            return;
        }
        BillingTiming timing = run.charge.billingTiming();
        run.chargeThrough(PeriodWalk.walk(run, run.firstUnbilledDay(), end,
                period -> timing.isDue(period, run.targetDate), period -> billPeriod(run, period)));
    }

    private static void billPeriod(ChargeRun run, ServicePeriod period) {
        Proration share = Proration.of(period, run.charge.billingPeriod(), run.prorationMethod);
        Rating.Rated rated = Rating.rate(run.charge, run.charge.quantity());
        run.bill(ItemKind.CHARGE, period, rated, run.money.prorate(rated.amount(), share), share);
    }

    private static void credit(ChargeRun run, LocalDate end, LocalDate billedThrough) {
        int firstCredited = run.items.size();
        PeriodWalk.walk(run, end, billedThrough, period -> true, period -> billPeriod(run, period));
        List<InvoiceItem> unused = run.items.subList(firstCredited, run.items.size());
        unused.replaceAll(InvoiceItem::reversed);
        run.chargeThrough(end);
    }
}

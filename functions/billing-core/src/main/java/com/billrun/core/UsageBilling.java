package com.billrun.core;

import java.math.BigDecimal;
import java.util.List;

/**
 * USAGE charges (functions/billing-core/RULES.md What a run bills): rated in arrears, once per billing period that has ended on or
 * before the target date, on the period's total quantity (so VOLUME and TIERED see the whole period). Usage is
 * not prorated: a partial period bills what was used in it. A period with no usage bills no line but is still
 * marked as rated; usage recorded later for a rated period is not billed (RULES.md).
 */
final class UsageBilling {

    private UsageBilling() {
    }

    static void bill(ChargeRun run, List<UsageRecord> usage) {
        run.chargeThrough(PeriodWalk.walk(run, run.firstUnbilledDay(), run.subscription.endDate(),
                period -> BillingTiming.IN_ARREARS.isDue(period, run.targetDate),
                period -> billPeriod(run, period, usage)));
    }

    private static void billPeriod(ChargeRun run, ServicePeriod period, List<UsageRecord> usage) {
        BigDecimal used = BigDecimal.ZERO;
        for (UsageRecord record : usage) {
            if (run.isFor(record) && period.contains(record.date())) {
                used = used.add(record.quantity());
            }
        }
        if (used.signum() > 0) {
            Rating.Rated rated = Rating.rate(run.charge, used);
            run.bill(ItemKind.USAGE, period, rated, run.money.round(rated.amount()), Proration.FULL);
        }
    }
}

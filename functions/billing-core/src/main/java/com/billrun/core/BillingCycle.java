package com.billrun.core;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

/**
 * The period boundaries of one charge (functions/billing-core/RULES.md Periods). Month-based boundaries fall on the bill cycle
 * day clamped to each month's last day, computed month by month from the first boundary (so BCD 31 gives
 * Feb 28/29, then Mar 31 again, never drifting); boundary 0 is the first such date on or after the charge start
 * and the stub before it is a partial period whose full period starts at boundary -1. WEEK boundaries are every
 * 7 days from the charge start.
 */
final class BillingCycle {

    private final LocalDate chargeStart;
    private final int months;
    private final int billCycleDay;
    private final YearMonth firstBoundaryMonth;
    private final int stubCount;

    BillingCycle(LocalDate chargeStart, BillingPeriod period, int billCycleDay) {
        this.chargeStart = chargeStart;
        this.months = period.months();
        this.billCycleDay = billCycleDay;
        YearMonth startMonth = YearMonth.from(chargeStart);
        this.firstBoundaryMonth = onCycleDay(startMonth).isBefore(chargeStart) ? startMonth.plusMonths(1) : startMonth;
        this.stubCount = boundary(0).isAfter(chargeStart) ? 1 : 0;
    }

    /** The period that starts at {@code from} (a boundary or a charged-through date), cut at {@code cap}. */
    ServicePeriod periodFrom(LocalDate from, LocalDate cap) {
        long n = indexOf(from);
        LocalDate fullEnd = boundary(n + 1);
        LocalDate end = cap != null && cap.isBefore(fullEnd) ? cap : fullEnd;
        return new ServicePeriod(from, end, boundary(n), fullEnd, n + stubCount);
    }

    private LocalDate boundary(long n) {
        return months == 0 ? chargeStart.plusDays(7 * n) : onCycleDay(firstBoundaryMonth.plusMonths(n * months));
    }

    /** The largest n whose boundary is on or before {@code day}. */
    private long indexOf(LocalDate day) {
        if (months == 0) {
            return Math.floorDiv(ChronoUnit.DAYS.between(chargeStart, day), 7);
        }
        long n = Math.floorDiv(firstBoundaryMonth.until(YearMonth.from(day), ChronoUnit.MONTHS), months);
        return boundary(n).isAfter(day) ? n - 1 : n;
    }

    private LocalDate onCycleDay(YearMonth month) {
        return month.atDay(Math.min(billCycleDay, month.lengthOfMonth()));
    }
}

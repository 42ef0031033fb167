package com.billrun.core;

import java.time.LocalDate;

/**
 * A stretch of service billed as one line: {@code [start, endExclusive)}, cut out of the full cycle period
 * {@code [fullStart, fullEndExclusive)} that contains it. {@code ordinal} counts the charge's periods from 0,
 * a partial first period counting as one (that is what discount periods count, RULES.md).
 */
record ServicePeriod(LocalDate start, LocalDate endExclusive, LocalDate fullStart, LocalDate fullEndExclusive,
                     long ordinal) {

    static ServicePeriod singleDay(LocalDate day) {
        return new ServicePeriod(day, day.plusDays(1), day, day.plusDays(1), 0);
    }

    LocalDate endInclusive() {
        return endExclusive.minusDays(1);
    }

    boolean isWholeCyclePeriod() {
        return start.equals(fullStart) && endExclusive.equals(fullEndExclusive);
    }

    boolean contains(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(endExclusive);
    }
}

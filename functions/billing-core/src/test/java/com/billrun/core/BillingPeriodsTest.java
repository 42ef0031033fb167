package com.billrun.core;

import static com.billrun.core.Fixtures.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** functions/billing-core/RULES.md Periods: alignment to the bill cycle day, month-end clamping, stubs, every period length. */
class BillingPeriodsTest {

    @ParameterizedTest(name = "{0} BCD {1} charge from {2}: period from {3} is {4}..{5} of {6}..{7} (#{8})")
    @CsvSource(textBlock = """
            # period,   BCD, charge start, from,      start,      end (incl), full start, full end (incl), ordinal
            # BCD 31 is clamped month by month and comes back to the 31st (leap 2024, common 2025)
            MONTH,       31, 2024-01-31, 2024-01-31, 2024-01-31, 2024-02-28, 2024-01-31, 2024-02-28, 0
            MONTH,       31, 2024-01-31, 2024-02-29, 2024-02-29, 2024-03-30, 2024-02-29, 2024-03-30, 1
            MONTH,       31, 2024-01-31, 2024-03-31, 2024-03-31, 2024-04-29, 2024-03-31, 2024-04-29, 2
            MONTH,       31, 2025-01-31, 2025-01-31, 2025-01-31, 2025-02-27, 2025-01-31, 2025-02-27, 0
            MONTH,       31, 2025-01-31, 2025-02-28, 2025-02-28, 2025-03-30, 2025-02-28, 2025-03-30, 1
            MONTH,       30, 2024-01-30, 2024-02-29, 2024-02-29, 2024-03-29, 2024-02-29, 2024-03-29, 1
            MONTH,       30, 2025-01-30, 2025-02-28, 2025-02-28, 2025-03-29, 2025-02-28, 2025-03-29, 1
            MONTH,       29, 2024-01-29, 2024-01-29, 2024-01-29, 2024-02-28, 2024-01-29, 2024-02-28, 0
            MONTH,       29, 2024-01-29, 2024-02-29, 2024-02-29, 2024-03-28, 2024-02-29, 2024-03-28, 1
            MONTH,       29, 2025-01-29, 2025-01-29, 2025-01-29, 2025-02-27, 2025-01-29, 2025-02-27, 0
            MONTH,       29, 2025-01-29, 2025-02-28, 2025-02-28, 2025-03-28, 2025-02-28, 2025-03-28, 1
            # a stub before the first aligned date; its full period is the aligned one containing it
            MONTH,        1, 2024-01-15, 2024-01-15, 2024-01-15, 2024-01-31, 2024-01-01, 2024-01-31, 0
            MONTH,        1, 2024-01-15, 2024-02-01, 2024-02-01, 2024-02-29, 2024-02-01, 2024-02-29, 1
            MONTH,       31, 2025-02-10, 2025-02-10, 2025-02-10, 2025-02-27, 2025-01-31, 2025-02-27, 0
            MONTH,       29, 2024-03-10, 2024-03-10, 2024-03-10, 2024-03-28, 2024-02-29, 2024-03-28, 0
            # year boundary
            MONTH,       15, 2024-12-15, 2024-12-15, 2024-12-15, 2025-01-14, 2024-12-15, 2025-01-14, 0
            MONTH,        1, 2024-12-20, 2024-12-20, 2024-12-20, 2024-12-31, 2024-12-01, 2024-12-31, 0
            # weeks run 7 days from the charge start, whatever the BCD
            WEEK,         1, 2024-12-28, 2024-12-28, 2024-12-28, 2025-01-03, 2024-12-28, 2025-01-03, 0
            WEEK,         1, 2024-12-28, 2025-01-04, 2025-01-04, 2025-01-10, 2025-01-04, 2025-01-10, 1
            QUARTER,      1, 2024-11-01, 2024-11-01, 2024-11-01, 2025-01-31, 2024-11-01, 2025-01-31, 0
            QUARTER,      1, 2024-01-15, 2024-01-15, 2024-01-15, 2024-01-31, 2023-11-01, 2024-01-31, 0
            QUARTER,     31, 2023-11-30, 2023-11-30, 2023-11-30, 2024-02-28, 2023-11-30, 2024-02-28, 0
            QUARTER,     31, 2023-11-30, 2024-02-29, 2024-02-29, 2024-05-30, 2024-02-29, 2024-05-30, 1
            SEMI_ANNUAL,  1, 2024-01-01, 2024-01-01, 2024-01-01, 2024-06-30, 2024-01-01, 2024-06-30, 0
            ANNUAL,      29, 2024-02-29, 2024-02-29, 2024-02-29, 2025-02-27, 2024-02-29, 2025-02-27, 0
            ANNUAL,      29, 2024-02-29, 2025-02-28, 2025-02-28, 2026-02-27, 2025-02-28, 2026-02-27, 1
            # a charged-through date inside a period (e.g. after a rollback) bills the rest of that period
            MONTH,        1, 2024-01-01, 2024-03-11, 2024-03-11, 2024-03-31, 2024-03-01, 2024-03-31, 2
            """)
    void periodStartingAt(BillingPeriod period, int bcd, String chargeStart, String from, String start, String end,
                          String fullStart, String fullEnd, long ordinal) {
        ServicePeriod p = new BillingCycle(d(chargeStart), period, bcd).periodFrom(d(from), null);

        assertEquals(d(start), p.start());
        assertEquals(d(end), p.endInclusive());
        assertEquals(d(fullStart), p.fullStart());
        assertEquals(d(fullEnd), p.fullEndExclusive().minusDays(1));
        assertEquals(ordinal, p.ordinal());
    }

    @ParameterizedTest(name = "end date {2} cuts the period from {1} to ..{3}")
    @CsvSource(textBlock = """
            # the subscription end date (exclusive) truncates the last period; the full period stays for proration
            2024-01-01, 2024-03-01, 2024-03-16, 2024-03-15
            2024-01-01, 2024-03-01, 2024-04-01, 2024-03-31
            2024-01-01, 2024-03-01, 2024-05-01, 2024-03-31
            """)
    void endDateTruncatesTheLastPeriod(String chargeStart, String from, String endDate, String expectedEnd) {
        ServicePeriod p = new BillingCycle(d(chargeStart), BillingPeriod.MONTH, 1).periodFrom(d(from), d(endDate));

        assertEquals(d(expectedEnd), p.endInclusive());
        assertEquals(d("2024-03-31"), p.fullEndExclusive().minusDays(1));
    }
}

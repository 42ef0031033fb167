package com.billrun.core;

import static com.billrun.core.Fixtures.account;
import static com.billrun.core.Fixtures.chargedThrough;
import static com.billrun.core.Fixtures.d;
import static com.billrun.core.Fixtures.lines;
import static com.billrun.core.Fixtures.recurring;
import static com.billrun.core.Fixtures.request;
import static com.billrun.core.Fixtures.subscription;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * functions/billing-core/RULES.md What a run bills + Proration + end dates + cancellation credits, for a USD flat fee.
 * Amounts are worked by hand in the comments: price × days ÷ days of the full period (ACTUAL) or ÷ 30 per month.
 */
class RecurringBillingTest {

    @ParameterizedTest(name = "{0} {1} BCD {2} {3} from {4} end {5} ctd {6} target {7} {8} -> {9}")
    @CsvSource(delimiter = ';', textBlock = """
            # timing; period; BCD; price; start; end; charged through; target; proration; lines; new charged through
            # stub Jan 15..31: 100 × 17/31 = 54.8387
            IN_ADVANCE; MONTH; 1; 100.00; 2024-01-15; ; ; 2024-01-15; ACTUAL_DAYS; CHARGE 2024-01-15..2024-01-31 54.84; 2024-02-01
            IN_ADVANCE; MONTH; 1; 100.00; 2024-01-15; ; ; 2024-02-01; ACTUAL_DAYS; CHARGE 2024-01-15..2024-01-31 54.84 | CHARGE 2024-02-01..2024-02-29 100.00; 2024-03-01
            IN_ADVANCE; MONTH; 1; 100.00; 2024-01-15; ; ; 2024-01-14; ACTUAL_DAYS; none; -
            IN_ARREARS; MONTH; 1; 100.00; 2024-01-15; ; ; 2024-01-31; ACTUAL_DAYS; CHARGE 2024-01-15..2024-01-31 54.84; 2024-02-01
            IN_ARREARS; MONTH; 1; 100.00; 2024-01-15; ; ; 2024-01-30; ACTUAL_DAYS; none; -
            # 100 × 17/30 = 56.666
            IN_ADVANCE; MONTH; 1; 100.00; 2024-01-15; ; ; 2024-01-15; THIRTY_DAY_MONTH; CHARGE 2024-01-15..2024-01-31 56.67; 2024-02-01
            # February stubs: leap 20/29 = 68.9655, common 19/28 = 67.857; thirty-day 20/30 and 19/30
            IN_ADVANCE; MONTH; 1; 100.00; 2024-02-10; ; ; 2024-02-10; ACTUAL_DAYS; CHARGE 2024-02-10..2024-02-29 68.97; 2024-03-01
            IN_ADVANCE; MONTH; 1; 100.00; 2025-02-10; ; ; 2025-02-10; ACTUAL_DAYS; CHARGE 2025-02-10..2025-02-28 67.86; 2025-03-01
            IN_ADVANCE; MONTH; 1; 100.00; 2024-02-10; ; ; 2024-02-10; THIRTY_DAY_MONTH; CHARGE 2024-02-10..2024-02-29 66.67; 2024-03-01
            IN_ADVANCE; MONTH; 1; 100.00; 2025-02-10; ; ; 2025-02-10; THIRTY_DAY_MONTH; CHARGE 2025-02-10..2025-02-28 63.33; 2025-03-01
            # BCD 31 in leap Feb: first boundary Feb 29, stub Feb 10..28 = 19 days of Jan 31..Feb 28 (29 days): 65.517
            IN_ADVANCE; MONTH; 31; 100.00; 2024-02-10; ; ; 2024-02-10; ACTUAL_DAYS; CHARGE 2024-02-10..2024-02-28 65.52; 2024-02-29
            # BCD 30 in common Feb: boundary Feb 28, stub Feb 10..27 = 18 days of Jan 30..Feb 27 (29 days): 62.069
            IN_ADVANCE; MONTH; 30; 100.00; 2025-02-10; ; ; 2025-02-10; ACTUAL_DAYS; CHARGE 2025-02-10..2025-02-27 62.07; 2025-02-28
            # BCD 29 after leap Feb: boundary Mar 29, stub Mar 10..28 = 19 days of Feb 29..Mar 28 (29 days)
            IN_ADVANCE; MONTH; 29; 100.00; 2024-03-10; ; ; 2024-03-10; ACTUAL_DAYS; CHARGE 2024-03-10..2024-03-28 65.52; 2024-03-29
            # BCD 31 whole periods are whole prices, however long the clamped month
            IN_ADVANCE; MONTH; 31; 100.00; 2024-01-31; ; 2024-02-29; 2024-03-31; ACTUAL_DAYS; CHARGE 2024-02-29..2024-03-30 100.00 | CHARGE 2024-03-31..2024-04-29 100.00; 2024-04-30
            # year boundary: Dec 20..31 = 12/31 = 38.709
            IN_ADVANCE; MONTH; 1; 100.00; 2024-12-20; ; ; 2025-01-01; ACTUAL_DAYS; CHARGE 2024-12-20..2024-12-31 38.71 | CHARGE 2025-01-01..2025-01-31 100.00; 2025-02-01
            IN_ADVANCE; WEEK; 1; 70.00; 2024-12-28; ; ; 2025-01-04; ACTUAL_DAYS; CHARGE 2024-12-28..2025-01-03 70.00 | CHARGE 2025-01-04..2025-01-10 70.00; 2025-01-11
            IN_ARREARS; WEEK; 1; 70.00; 2024-12-28; ; ; 2025-01-04; ACTUAL_DAYS; CHARGE 2024-12-28..2025-01-03 70.00; 2025-01-04
            # quarter stub Jan 15..31 of Nov 1..Jan 31 (30+31+31 = 92 days): 300 × 17/92 = 55.4347; ÷ 90: 56.666
            IN_ADVANCE; QUARTER; 1; 300.00; 2024-01-15; ; ; 2024-01-15; ACTUAL_DAYS; CHARGE 2024-01-15..2024-01-31 55.43; 2024-02-01
            IN_ADVANCE; QUARTER; 1; 300.00; 2024-01-15; ; ; 2024-01-15; THIRTY_DAY_MONTH; CHARGE 2024-01-15..2024-01-31 56.67; 2024-02-01
            IN_ADVANCE; SEMI_ANNUAL; 1; 600.00; 2024-01-01; ; ; 2024-01-01; ACTUAL_DAYS; CHARGE 2024-01-01..2024-06-30 600.00; 2024-07-01
            # annual stub Mar 15..31 2024 of Apr 1 2023..Mar 31 2024 (366 days, leap): 1200 × 17/366 = 55.7377; ÷ 360: 56.666
            IN_ARREARS; ANNUAL; 1; 1200.00; 2024-03-15; ; ; 2025-03-01; ACTUAL_DAYS; CHARGE 2024-03-15..2024-03-31 55.74; 2024-04-01
            IN_ARREARS; ANNUAL; 1; 1200.00; 2024-03-15; ; ; 2025-03-01; THIRTY_DAY_MONTH; CHARGE 2024-03-15..2024-03-31 56.67; 2024-04-01
            # end date Mar 16 (first day without service) cuts March: 100 × 15/31 = 48.387; ÷ 30: 50
            IN_ADVANCE; MONTH; 1; 100.00; 2024-01-01; 2024-03-16; 2024-03-01; 2024-03-01; ACTUAL_DAYS; CHARGE 2024-03-01..2024-03-15 48.39; 2024-03-16
            IN_ADVANCE; MONTH; 1; 100.00; 2024-01-01; 2024-03-16; 2024-03-01; 2024-03-01; THIRTY_DAY_MONTH; CHARGE 2024-03-01..2024-03-15 50.00; 2024-03-16
            IN_ADVANCE; MONTH; 1; 100.00; 2024-01-01; 2024-03-16; 2024-03-16; 2024-04-01; ACTUAL_DAYS; none; 2024-03-16
            IN_ARREARS; MONTH; 1; 100.00; 2024-01-01; 2024-03-16; 2024-03-01; 2024-03-15; ACTUAL_DAYS; CHARGE 2024-03-01..2024-03-15 48.39; 2024-03-16
            IN_ARREARS; MONTH; 1; 100.00; 2024-01-01; 2024-03-16; 2024-03-01; 2024-03-14; ACTUAL_DAYS; none; 2024-03-01
            # cancelled from Mar 11 after March was billed in advance: Mar 11..31 unused = 21/31 = 67.7419, back to Mar 11
            IN_ADVANCE; MONTH; 1; 100.00; 2024-01-01; 2024-03-11; 2024-04-01; 2024-03-20; ACTUAL_DAYS; CREDIT 2024-03-11..2024-03-31 -67.74; 2024-03-11
            IN_ADVANCE; MONTH; 1; 100.00; 2024-01-01; 2024-03-11; 2024-04-01; 2024-03-20; THIRTY_DAY_MONTH; CREDIT 2024-03-11..2024-03-31 -70.00; 2024-03-11
            IN_ADVANCE; MONTH; 1; 100.00; 2024-01-01; 2024-03-11; 2024-05-01; 2024-03-20; ACTUAL_DAYS; CREDIT 2024-03-11..2024-03-31 -67.74 | CREDIT 2024-04-01..2024-04-30 -100.00; 2024-03-11
            # in arrears, cancelled from Mar 11: bills the used Mar 1..10 = 10/31 × 100 = 32.258
            IN_ARREARS; MONTH; 1; 100.00; 2024-01-01; 2024-03-11; 2024-03-01; 2024-03-20; ACTUAL_DAYS; CHARGE 2024-03-01..2024-03-10 32.26; 2024-03-11
            # charged through a day inside a period (a rolled-back credit, then reactivated): the rest, 21/31 = 67.74
            IN_ADVANCE; MONTH; 1; 100.00; 2024-01-01; ; 2024-03-11; 2024-03-20; ACTUAL_DAYS; CHARGE 2024-03-11..2024-03-31 67.74; 2024-04-01
            # cancelled exactly at the charged-through date: nothing unused
            IN_ADVANCE; MONTH; 1; 100.00; 2024-01-01; 2024-04-01; 2024-04-01; 2024-04-01; ACTUAL_DAYS; none; 2024-04-01
            """)
    void billsDuePeriods(BillingTiming timing, BillingPeriod period, int bcd, String price, String start, String end,
                         String chargedThrough, String target, ProrationMethod method, String expectedLines,
                         String expectedChargedThrough) {
        Charge charge = recurring(price, period, timing);
        charge = chargedThrough == null ? charge : charge.chargedThrough(d(chargedThrough));
        BillingResult result = InvoiceGenerator.generate(request(account("USD", bcd),
                List.of(subscription(start, end, charge)), null, target, method, RoundingMode.HALF_UP));

        assertEquals(expectedLines, lines(result));
        assertEquals(expectedChargedThrough, chargedThrough(result, charge));
    }
}

package com.billrun.core;

import static com.billrun.core.Fixtures.d;
import static com.billrun.core.Fixtures.lines;
import static com.billrun.core.Fixtures.monthlyInAdvance;
import static com.billrun.core.Fixtures.subscription;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three day counts (RULES.md Proration): ACTUAL_DAYS, THIRTY_DAY_MONTH (30-actual/360), THIRTY_360 (30E/360),
 * on Zuora's published examples, then on whole bill runs.
 */
class DayCountTest {

    @ParameterizedTest(name = "{0}..{1}: {2} | {3} | {4}")
    @CsvSource(delimiter = ';', textBlock = """
            # service period (inclusive); ACTUAL_DAYS; THIRTY_DAY_MONTH; THIRTY_360 (Zuora's published ratios)
            2021-01-27; 2021-01-31; 5/31; 5/30; 4/30
            2021-02-27; 2021-02-28; 2/28; 2/30; 4/30
            2020-02-01; 2020-02-29; 29/29; 29/30; 30/30
            2021-04-21; 2021-04-29; 9/30; 9/30; 9/30
            """)
    void zuorasRatios(String start, String end, String actual, String thirtyDayMonth, String thirty360) {
        for (var expected : List.of(
                new Object[] {ProrationMethod.ACTUAL_DAYS, actual},
                new Object[] {ProrationMethod.THIRTY_DAY_MONTH, thirtyDayMonth},
                new Object[] {ProrationMethod.THIRTY_360, thirty360})) {
            LocalDateRange month = LocalDateRange.monthOf(start);
            Proration ratio = Proration.ratio(d(start), d(end).plusDays(1), month.start, month.endExclusive,
                    BillingPeriod.MONTH, (ProrationMethod) expected[0]);
            assertEquals(expected[1], ratio.days() + "/" + ratio.fullDays(), expected[0].toString());
        }
    }

    private record LocalDateRange(java.time.LocalDate start, java.time.LocalDate endExclusive) {
        static LocalDateRange monthOf(String day) {
            java.time.LocalDate first = d(day).withDayOfMonth(1);
            return new LocalDateRange(first, first.plusMonths(1));
        }
    }

    @ParameterizedTest(name = "30E/360 [{0}, {1}) = {2}")
    @CsvSource({
            "2024-03-30, 2024-03-31, 0",   // the 31st counts as the 30th
            "2024-03-31, 2024-04-01, 1",
            "2024-03-15, 2024-03-31, 15",
            "2021-02-28, 2021-03-01, 3",   // February is filled up to 30
            "2020-02-29, 2020-03-01, 2",
            "2024-01-15, 2024-02-15, 30",
            "2024-01-31, 2024-02-29, 29",
            "2023-12-01, 2024-12-01, 360"})
    void thirty360Days(String start, String endExclusive, long days) {
        assertEquals(days, Proration.thirty360(d(start), d(endExclusive)));
    }

    /**
     * A whole bill run of a monthly 300.00 USD plan (BCD 1, 10% tax) whose first or last period is partial:
     * 300 × ratio, divided once at the currency's scale. February 2020 with BCD 1 is a whole period, and a whole
     * period bills exactly its price under every method.
     */
    @ParameterizedTest(name = "{3} from {0} to {1}: {4}, total {6}")
    @CsvSource(delimiter = ';', textBlock = """
            # start; end (exclusive); target; method; line; tax; total
            # 300 × 5/31 = 48.387; × 5/30 = 50; × 4/30 = 40
            2021-01-27; ; 2021-01-27; ACTUAL_DAYS;      CHARGE 2021-01-27..2021-01-31 48.39; 4.84; 53.23
            2021-01-27; ; 2021-01-27; THIRTY_DAY_MONTH; CHARGE 2021-01-27..2021-01-31 50.00; 5.00; 55.00
            2021-01-27; ; 2021-01-27; THIRTY_360;       CHARGE 2021-01-27..2021-01-31 40.00; 4.00; 44.00
            # 300 × 2/28 = 21.428; × 2/30 = 20; × 4/30 = 40
            2021-02-27; ; 2021-02-27; ACTUAL_DAYS;      CHARGE 2021-02-27..2021-02-28 21.43; 2.14; 23.57
            2021-02-27; ; 2021-02-27; THIRTY_DAY_MONTH; CHARGE 2021-02-27..2021-02-28 20.00; 2.00; 22.00
            2021-02-27; ; 2021-02-27; THIRTY_360;       CHARGE 2021-02-27..2021-02-28 40.00; 4.00; 44.00
            # a whole February bills the whole price whatever the method
            2020-02-01; ; 2020-02-01; ACTUAL_DAYS;      CHARGE 2020-02-01..2020-02-29 300.00; 30.00; 330.00
            2020-02-01; ; 2020-02-01; THIRTY_DAY_MONTH; CHARGE 2020-02-01..2020-02-29 300.00; 30.00; 330.00
            2020-02-01; ; 2020-02-01; THIRTY_360;       CHARGE 2020-02-01..2020-02-29 300.00; 30.00; 330.00
            # the subscription ends on Apr 30 (first day without service): 300 × 9/30 = 90 in all three
            2021-04-21; 2021-04-30; 2021-04-21; ACTUAL_DAYS;      CHARGE 2021-04-21..2021-04-29 90.00; 9.00; 99.00
            2021-04-21; 2021-04-30; 2021-04-21; THIRTY_DAY_MONTH; CHARGE 2021-04-21..2021-04-29 90.00; 9.00; 99.00
            2021-04-21; 2021-04-30; 2021-04-21; THIRTY_360;       CHARGE 2021-04-21..2021-04-29 90.00; 9.00; 99.00
            # a stub then a whole month in one run: 300 × 4/30 + 300
            2021-01-27; ; 2021-02-01; THIRTY_360;       CHARGE 2021-01-27..2021-01-31 40.00 | CHARGE 2021-02-01..2021-02-28 300.00; 34.00; 374.00
            """)
    void aBillRunUnderEachMethod(String start, String end, String target, ProrationMethod method, String expectedLines,
                                 String tax, String total) {
        Account account = new Account("acc-1", "USD", 1, BigDecimal.TEN, null);
        BillingRequest request = Fixtures.request(account, List.of(subscription(start, end, monthlyInAdvance("300.00"))),
                null, target, method, RoundingMode.HALF_UP);

        BillingResult result = InvoiceGenerator.generate(request);

        assertEquals(expectedLines, lines(result));
        Invoice invoice = result.invoice().orElseThrow();
        assertEquals(tax, invoice.taxTotal().toPlainString());
        assertEquals(total, invoice.total().toPlainString());
    }
}

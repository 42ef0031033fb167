package com.billrun.core;

import static com.billrun.core.Fixtures.account;
import static com.billrun.core.Fixtures.d;
import static com.billrun.core.Fixtures.lines;
import static com.billrun.core.Fixtures.monthlyInAdvance;
import static com.billrun.core.Fixtures.run;
import static com.billrun.core.Fixtures.subscription;
import static com.billrun.core.Fixtures.withDiscount;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * functions/billing-core/RULES.md Amounts: discounts are their own negative lines, prorated like their charge, never above it,
 * for N billing periods (a partial first period counts as one) or forever. 100.00 a month from Jan 15 (BCD 1),
 * billed in advance through March: Jan 15..31 is 100 × 17/31 = 54.84.
 */
class DiscountsTest {

    @ParameterizedTest(name = "{0} {1} for {2} periods -> {3}")
    @CsvSource(delimiter = ';', textBlock = """
            # kind; value; periods (empty = forever); lines; subtotal
            # 10% of 54.84 = 5.484; 10% of 100 = 10; expires after 2 periods (the stub counts as one)
            percent; 10; 2; CHARGE 2024-01-15..2024-01-31 54.84 | DISCOUNT 2024-01-15..2024-01-31 -5.48 | CHARGE 2024-02-01..2024-02-29 100.00 | DISCOUNT 2024-02-01..2024-02-29 -10.00 | CHARGE 2024-03-01..2024-03-31 100.00; 239.36
            percent; 10; ; CHARGE 2024-01-15..2024-01-31 54.84 | DISCOUNT 2024-01-15..2024-01-31 -5.48 | CHARGE 2024-02-01..2024-02-29 100.00 | DISCOUNT 2024-02-01..2024-02-29 -10.00 | CHARGE 2024-03-01..2024-03-31 100.00 | DISCOUNT 2024-03-01..2024-03-31 -10.00; 229.36
            # 30.00 a period, prorated on the stub: 30 × 17/31 = 16.4516
            amount; 30.00; 1; CHARGE 2024-01-15..2024-01-31 54.84 | DISCOUNT 2024-01-15..2024-01-31 -16.45 | CHARGE 2024-02-01..2024-02-29 100.00 | CHARGE 2024-03-01..2024-03-31 100.00; 238.39
            amount; 30.00; ; CHARGE 2024-01-15..2024-01-31 54.84 | DISCOUNT 2024-01-15..2024-01-31 -16.45 | CHARGE 2024-02-01..2024-02-29 100.00 | DISCOUNT 2024-02-01..2024-02-29 -30.00 | CHARGE 2024-03-01..2024-03-31 100.00 | DISCOUNT 2024-03-01..2024-03-31 -30.00; 178.39
            # 150.00 exceeds the charge: capped at it (stub 150 × 17/31 = 82.26 > 54.84)
            amount; 150.00; 2; CHARGE 2024-01-15..2024-01-31 54.84 | DISCOUNT 2024-01-15..2024-01-31 -54.84 | CHARGE 2024-02-01..2024-02-29 100.00 | DISCOUNT 2024-02-01..2024-02-29 -100.00 | CHARGE 2024-03-01..2024-03-31 100.00; 100.00
            # 100% forever: a zero-total invoice, still issued
            percent; 100; ; CHARGE 2024-01-15..2024-01-31 54.84 | DISCOUNT 2024-01-15..2024-01-31 -54.84 | CHARGE 2024-02-01..2024-02-29 100.00 | DISCOUNT 2024-02-01..2024-02-29 -100.00 | CHARGE 2024-03-01..2024-03-31 100.00 | DISCOUNT 2024-03-01..2024-03-31 -100.00; 0.00
            """)
    void discountLines(String kind, String value, Integer periods, String expectedLines, String subtotal) {
        Discount discount = kind.equals("percent") ? Discount.percent(value, periods) : Discount.amount(value, periods);
        Subscription s = subscription("2024-01-15", null, withDiscount(monthlyInAdvance("100.00"), discount));

        BillingResult result = run(account("USD", 1), s, "2024-03-01");

        assertEquals(expectedLines, lines(result));
        assertEquals(new BigDecimal(subtotal), result.invoice().orElseThrow().subtotal());
        assertEquals(new BigDecimal(subtotal), result.invoice().orElseThrow().total());
    }

    @ParameterizedTest(name = "credit with a {0}% discount")
    @CsvSource(delimiter = ';', textBlock = """
            # unused Mar 11..31: 21/31 × 100 = 67.74 credited; its 10% discount (6.774) given back
            10; CREDIT 2024-03-11..2024-03-31 -67.74 | DISCOUNT 2024-03-11..2024-03-31 6.77; -60.97
            """)
    void cancellationCreditGivesTheDiscountBack(String percent, String expectedLines, String total) {
        Charge charge = withDiscount(monthlyInAdvance("100.00"), Discount.percent(percent, null))
                .chargedThrough(d("2024-04-01"));
        BillingResult result = run(account("USD", 1), subscription("2024-01-01", "2024-03-11", charge), "2024-03-20");

        assertEquals(expectedLines, lines(result));
        assertEquals(new BigDecimal(total), result.invoice().orElseThrow().total());
    }
}

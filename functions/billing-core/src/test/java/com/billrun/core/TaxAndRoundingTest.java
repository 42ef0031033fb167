package com.billrun.core;

import static com.billrun.core.Fixtures.account;
import static com.billrun.core.Fixtures.d;
import static com.billrun.core.Fixtures.lines;
import static com.billrun.core.Fixtures.monthlyInAdvance;
import static com.billrun.core.Fixtures.oneTime;
import static com.billrun.core.Fixtures.request;
import static com.billrun.core.Fixtures.subscription;
import static com.billrun.core.Fixtures.untaxed;
import static com.billrun.core.Fixtures.withId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** functions/billing-core/RULES.md Amounts: rounding to the currency's minor units, the tenant's rounding mode, tax once per invoice. */
class TaxAndRoundingTest {

    @ParameterizedTest(name = "{0} {1}: {2} for Apr 16..30 -> {3}")
    @CsvSource(delimiter = ';', textBlock = """
            # a monthly price billed for Apr 16..30 = 15/30 of April: exactly half, so ties show the rounding mode
            # 0.25 / 2 = 0.125
            USD; HALF_UP; 0.25; 0.13
            USD; HALF_EVEN; 0.25; 0.12
            # 0.35 / 2 = 0.175: HALF_EVEN goes to the even 0.18
            USD; HALF_EVEN; 0.35; 0.18
            # JPY has no minor unit: 5 / 2 = 2.5
            JPY; HALF_UP; 5; 3
            JPY; HALF_EVEN; 5; 2
            JPY; HALF_UP; 1000; 500
            # KWD has three: 0.025 / 2 = 0.0125
            KWD; HALF_UP; 0.025; 0.013
            KWD; HALF_EVEN; 0.025; 0.012
            KWD; HALF_UP; 10.000; 5.000
            """)
    void roundsToTheCurrencyMinorUnit(String currency, RoundingMode mode, String price, String expected) {
        BillingResult result = InvoiceGenerator.generate(request(account(currency, 1),
                List.of(subscription("2024-04-16", null, monthlyInAdvance(price))), null, "2024-04-16",
                ProrationMethod.ACTUAL_DAYS, mode));

        assertEquals("CHARGE 2024-04-16..2024-04-30 " + expected, lines(result));
        assertEquals(currency, result.invoice().orElseThrow().currency());
    }

    @ParameterizedTest(name = "{0}: Jan 15..31 of {1} -> {2}")
    @CsvSource(delimiter = ';', textBlock = """
            # 17/31 of the price: 548.387 yen, 5.48387 dinar, 54.8387 dollars
            JPY; 1000; 548
            KWD; 10.000; 5.484
            USD; 100.00; 54.84
            """)
    void currencyScales(String currency, String price, String expected) {
        BillingResult result = Fixtures.run(account(currency, 1),
                subscription("2024-01-15", null, monthlyInAdvance(price)), "2024-01-15");

        assertEquals(new BigDecimal(expected), result.invoice().orElseThrow().total());
    }

    @ParameterizedTest(name = "{0} at {1}% on {2} ({3}) -> tax {4}, total {5}")
    @CsvSource(delimiter = ';', textBlock = """
            # currency; tax rate; one-time lines (! = not taxable); rounding; tax; total
            # 0.15 × 10% = 0.015 -> 0.02 once; per line it would have been 3 × round(0.005) = 0.03
            USD; 10; 0.05,0.05,0.05; HALF_UP; 0.02; 0.17
            USD; 10; 0.05,0.05,!0.05; HALF_UP; 0.01; 0.16
            # 0.025: HALF_UP 0.03, HALF_EVEN 0.02
            USD; 10; 0.25; HALF_UP; 0.03; 0.28
            USD; 10; 0.25; HALF_EVEN; 0.02; 0.27
            # 119.99 × 8.875% = 10.6491125
            USD; 8.875; 100.00,19.99; HALF_UP; 10.65; 130.64
            # 1005 × 10% = 100.5 yen
            JPY; 10; 1005; HALF_UP; 101; 1106
            JPY; 10; 1005; HALF_EVEN; 100; 1105
            # 10.005 × 5% = 0.50025 dinar
            KWD; 5; 10.005; HALF_UP; 0.500; 10.505
            USD; 0; 100.00; HALF_UP; 0.00; 100.00
            """)
    void taxRoundedOncePerInvoice(String currency, String rate, String amounts, RoundingMode mode, String tax,
                                  String total) {
        List<Charge> charges = new ArrayList<>();
        for (String amount : amounts.split(",")) {
            Charge charge = withId(oneTime(amount.replace("!", ""), "2024-01-01"), "ch-" + charges.size());
            charges.add(amount.startsWith("!") ? untaxed(charge) : charge);
        }
        Account taxed = new Account("acc-1", currency, 1, new BigDecimal(rate), null);
        BillingRequest request = new BillingRequest("inv-1", taxed, List.of(new Subscription("sub-1",
                d("2024-01-01"), null, charges)), null, d("2024-01-01"), null,
                new TenantSettings(null, mode), null);

        Invoice invoice = InvoiceGenerator.generate(request).invoice().orElseThrow();

        assertEquals(new BigDecimal(tax), invoice.taxTotal());
        assertEquals(new BigDecimal(total), invoice.total());
    }
}

package com.billrun.core;

import static com.billrun.core.Fixtures.d;
import static com.billrun.core.Fixtures.monthlyInAdvance;
import static com.billrun.core.Fixtures.perUnit;
import static com.billrun.core.Fixtures.subscription;
import static com.billrun.core.Fixtures.tiers;
import static com.billrun.core.Fixtures.usage;
import static com.billrun.core.Fixtures.withDiscount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** functions/billing-core/RULES.md: invalid data is rejected naming the field, and nothing is computed from it. */
class ValidationTest {

    @ParameterizedTest(name = "account {0} BCD {1} -> {2}")
    @CsvSource(textBlock = """
            XYZ, 1, account.currency
            XAU, 1, account.currency
            ,    1, account.currency
            USD, 0, account.billCycleDay
            USD, 32, account.billCycleDay
            """)
    void invalidAccountFailsTheWholeAccount(String currency, int bcd, String field) {
        BillingRequest request = BillingRequest.of("inv-1", new Account("acc-1", currency, bcd, null, null),
                List.of(subscription("2024-01-01", null, monthlyInAdvance("100"))), null, d("2024-01-01"));

        BillingDataException e = assertThrows(BillingDataException.class, () -> InvoiceGenerator.generate(request));

        assertEquals(field, e.field());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSubscriptions")
    void invalidSubscriptionIsLeftOutNamingTheField(String currency, Subscription subscription,
                                                    List<UsageRecord> usage, String field) {
        BillingResult result = InvoiceGenerator.generate(BillingRequest.of("inv-1",
                new Account("acc-1", currency, 1, null, null), List.of(subscription), usage, d("2024-03-01")));

        assertEquals(1, result.failures().size());
        assertEquals(field, result.failures().getFirst().field());
        assertTrue(result.invoice().isEmpty());
        assertTrue(result.chargedThroughDates().isEmpty());
    }

    static Stream<Arguments> invalidSubscriptions() {
        Charge calls = usage(PricingModel.PER_UNIT, null, "0.01");
        return Stream.of(
                invalid("USD", subscription("2024-01-01", null, perUnit("1.00", "-1", BillingPeriod.MONTH)),
                        "charges[0].quantity"),
                invalid("USD", subscription("2024-01-01", null, monthlyInAdvance("-0.01")), "charges[0].price"),
                invalid("USD", subscription("2024-01-01", null, monthlyInAdvance("10.001")), "charges[0].price"),
                invalid("JPY", subscription("2024-01-01", null, monthlyInAdvance("10.5")), "charges[0].price"),
                invalid("KWD", subscription("2024-01-01", null, monthlyInAdvance("10.0001")), "charges[0].price"),
                invalid("USD", subscription("2024-01-01", null, perUnit("0.1234567", "1", BillingPeriod.MONTH)),
                        "charges[0].price"),
                invalid("USD", subscription("2024-01-01", null, banded("20@1.00,10@0.50,*@0.10")),
                        "charges[0].tiers[1].upTo"),
                invalid("USD", subscription("2024-01-01", null, banded("10@1.00,20@0.50")),
                        "charges[0].tiers[1].upTo"),
                invalid("USD", subscription("2024-01-01", null, banded("*@1.00,20@0.50")),
                        "charges[0].tiers[0].upTo"),
                invalid("USD", subscription("2024-01-01", null, banded("10@-1.00,*@0.50")),
                        "charges[0].tiers[0].unitPrice"),
                invalid("USD", subscription("2024-03-01", "2024-02-29", monthlyInAdvance("1.00")), "endDate"),
                invalid("USD", subscription("2024-01-01", null, withDiscount(monthlyInAdvance("10.00"),
                        Discount.amount("1.005", null))), "charges[0].discount.amount"),
                invalid("USD", subscription("2024-01-01", null, withDiscount(monthlyInAdvance("10.00"),
                        Discount.percent("120", null))), "charges[0].discount.percent"),
                invalid("USD", subscription("2024-01-01", null, withDiscount(monthlyInAdvance("10.00"),
                        Discount.percent("10", 0))), "charges[0].discount.periods"),
                invalid("USD", subscription("2024-01-01", null, withDiscount(monthlyInAdvance("10.00"),
                        new Discount(BigDecimal.ONE, BigDecimal.ONE, null))), "charges[0].discount"),
                invalid("USD", subscription("2024-01-01", null, usage(PricingModel.FLAT_FEE, null, "1.00")),
                        "charges[0].model"),
                invalid("USD", subscription("2024-01-01", null, monthlyInAdvance("1.00"), monthlyInAdvance("2.00")),
                        "charges[1].id"),
                invalid("USD", subscription("2024-01-01", null, monthlyInAdvance("1.00").chargedThrough(d("2023-12-31"))),
                        "charges[0].chargedThroughDate"),
                Arguments.of("USD", subscription("2024-01-01", null, calls),
                        List.of(new UsageRecord("sub-1", calls.id(), d("2024-01-05"), new BigDecimal("-1"))),
                        "usage[0].quantity"),
                Arguments.of("USD", subscription("2024-01-01", null, calls),
                        List.of(new UsageRecord("sub-1", "nope", d("2024-01-05"), BigDecimal.ONE)),
                        "usage[0].chargeId"));
    }

    @ParameterizedTest(name = "{0} {1} is accepted")
    @CsvSource(textBlock = """
            USD, 10.10
            USD, 10.100000
            JPY, 1000
            JPY, 1000.00
            KWD, 10.125
            """)
    void amountsThatFitTheCurrencyAreAccepted(String currency, String price) {
        BillingResult result = InvoiceGenerator.generate(BillingRequest.of("inv-1",
                new Account("acc-1", currency, 1, null, null),
                List.of(subscription("2024-01-01", null, monthlyInAdvance(price))), null, d("2024-01-01")));

        assertTrue(result.failures().isEmpty());
    }

    @ParameterizedTest(name = "usage of an unknown subscription fails the account")
    @CsvSource("sub-9")
    void usageOfAnotherSubscriptionFailsTheAccount(String subscriptionId) {
        BillingRequest request = BillingRequest.of("inv-1", new Account("acc-1", "USD", 1, null, null),
                List.of(subscription("2024-01-01", null, monthlyInAdvance("1.00"))),
                List.of(new UsageRecord(subscriptionId, "ch-3", d("2024-01-05"), BigDecimal.ONE)), d("2024-01-01"));

        BillingDataException e = assertThrows(BillingDataException.class, () -> InvoiceGenerator.generate(request));

        assertEquals("usage[0].subscriptionId", e.field());
    }

    private static Arguments invalid(String currency, Subscription subscription, String field) {
        return Arguments.of(currency, subscription, List.of(), field);
    }

    private static Charge banded(String spec) {
        return new Charge("ch-5", "Licences", ChargeType.RECURRING, PricingModel.TIERED, null, tiers(spec),
                BigDecimal.TEN, BillingPeriod.MONTH, BillingTiming.IN_ADVANCE, null, null, true, null);
    }
}

package com.billrun.core;

import static com.billrun.core.Fixtures.account;
import static com.billrun.core.Fixtures.d;
import static com.billrun.core.Fixtures.monthlyInAdvance;
import static com.billrun.core.Fixtures.oneTime;
import static com.billrun.core.Fixtures.run;
import static com.billrun.core.Fixtures.subscription;
import static com.billrun.core.Fixtures.tiers;
import static com.billrun.core.Fixtures.usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** functions/billing-core/RULES.md Invoice: assembly, nothing to bill, exclusions, failures, charged-through moves and rollback. */
class InvoiceGeneratorTest {

    @Test
    void draftInvoiceCarriesTheRunsDatesAndTheCallersId() {
        Account account = new Account("acc-7", "USD", 1, null, 15);
        BillingRequest request = new BillingRequest("inv-42", account,
                List.of(subscription("2024-01-01", null, monthlyInAdvance("100.00"))), null, d("2024-01-01"),
                d("2024-01-02"), null, null);

        Invoice invoice = InvoiceGenerator.generate(request).invoice().orElseThrow();

        assertEquals("inv-42", invoice.id());
        assertEquals("acc-7", invoice.accountId());
        assertEquals(InvoiceStatus.DRAFT, invoice.status());
        assertEquals(d("2024-01-02"), invoice.invoiceDate());
        assertEquals(d("2024-01-17"), invoice.dueDate());
        InvoiceItem item = invoice.items().getFirst();
        assertEquals(new InvoiceItem("sub-1", "ch-1", "Plan", ItemKind.CHARGE, d("2024-01-01"), d("2024-01-31"),
                BigDecimal.ONE, new BigDecimal("100.00"), new BigDecimal("100.00"), true), item);
    }

    @Test
    void invoiceDateDefaultsToTheTargetDateAndTermsTo30Days() {
        Invoice invoice = run(account("USD", 1), subscription("2024-01-01", null, monthlyInAdvance("1.00")),
                "2024-01-01").invoice().orElseThrow();

        assertEquals(d("2024-01-01"), invoice.invoiceDate());
        assertEquals(d("2024-01-31"), invoice.dueDate());
    }

    @Test
    void nothingToBillMeansNoInvoice() {
        BillingResult result = run(account("USD", 1), subscription("2024-02-01", null, monthlyInAdvance("100.00")),
                "2024-01-31");

        assertTrue(result.invoice().isEmpty());
        assertEquals(List.of(), result.chargedThroughDates());
    }

    @Test
    void zeroPriceStillMakesAZeroInvoice() {
        Invoice invoice = run(account("USD", 1), subscription("2024-01-01", null, monthlyInAdvance("0.00")),
                "2024-01-01").invoice().orElseThrow();

        assertEquals(new BigDecimal("0.00"), invoice.total());
        assertEquals(1, invoice.items().size());
    }

    @Test
    void excludedChargeTypesAreNeitherBilledNorAdvanced() {
        Subscription s = subscription("2024-01-01", null, monthlyInAdvance("100.00"), oneTime("49.00", "2024-01-01"));
        BillingRequest request = new BillingRequest("inv-1", account("USD", 1), List.of(s), null, d("2024-01-01"),
                null, null, Set.of(ChargeType.ONE_TIME));

        BillingResult result = InvoiceGenerator.generate(request);

        assertEquals(1, result.invoice().orElseThrow().items().size());
        assertEquals(List.of(new ChargedThroughDate("sub-1", "ch-1", null, d("2024-02-01"))),
                result.chargedThroughDates());
    }

    @Test
    void anInvalidSubscriptionFailsAloneAndTheOthersStillBill() {
        Subscription good = subscription("2024-01-01", null, monthlyInAdvance("100.00"));
        Subscription bad = new Subscription("sub-2", d("2024-01-01"), null, List.of(monthlyInAdvance("-1.00")));

        BillingResult result = InvoiceGenerator.generate(BillingRequest.of("inv-1", account("USD", 1),
                List.of(bad, good), null, d("2024-01-01")));

        assertEquals(List.of(new SubscriptionFailure("sub-2", "charges[0].price", "must not be negative")),
                result.failures());
        assertEquals(new BigDecimal("100.00"), result.invoice().orElseThrow().total());
        assertEquals(1, result.chargedThroughDates().size());
    }

    @Test
    void chargedThroughMovesCarryThePreviousValueAndRollBack() {
        Charge plan = monthlyInAdvance("100.00").chargedThrough(d("2024-02-01"));
        BillingResult result = run(account("USD", 1), subscription("2024-01-01", null, plan), "2024-03-01");

        ChargedThroughDate move = new ChargedThroughDate("sub-1", "ch-1", d("2024-02-01"), d("2024-04-01"));
        assertEquals(List.of(move), result.chargedThroughDates());
        assertEquals(List.of(new ChargedThroughDate("sub-1", "ch-1", d("2024-04-01"), d("2024-02-01"))),
                result.rollback());
    }

    @Test
    void aUsagePeriodWithoutUsageMovesTheDateWithoutAnInvoice() {
        Charge calls = usage(PricingModel.TIERED, tiers("10@1.00,*@0.50"), null);
        BillingResult result = run(account("USD", 1), subscription("2024-01-01", null, calls), "2024-02-15");

        assertTrue(result.invoice().isEmpty());
        assertEquals(List.of(new ChargedThroughDate("sub-1", "ch-3", null, d("2024-02-01"))),
                result.chargedThroughDates());
    }

    @Test
    void sameInputSameOutput() {
        BillingRequest request = BillingRequest.of("inv-1", account("USD", 1),
                List.of(subscription("2024-01-15", null, monthlyInAdvance("100.00"), oneTime("49.00", "2024-01-20"))),
                null, d("2024-03-01"));

        assertEquals(InvoiceGenerator.generate(request), InvoiceGenerator.generate(request));
    }
}

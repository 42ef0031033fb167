package com.billrun.core;

import static com.billrun.core.Fixtures.applied;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The engine's invariants over random valid accounts (functions/billing-core/RULES.md). */
class BillingPropertiesTest {

    @Provide
    Arbitrary<BillingRequest> requests() {
        return Arbitraries.randomValue(RandomAccounts::request);
    }

    @Property
    void applyingARunThenRerunningTheSameDateBillsNothing(@ForAll("requests") BillingRequest request) {
        BillingResult first = InvoiceGenerator.generate(request);

        BillingResult again = InvoiceGenerator.generate(applied(request, first, request.targetDate()));

        assertTrue(again.invoice().isEmpty(), () -> "billed again: " + again.invoice());
        assertEquals(List.of(), again.chargedThroughDates());
    }

    @Property
    void anEarlierTargetAfterALaterOneNeverBillsBackwards(@ForAll("requests") BillingRequest request,
                                                          @ForAll @IntRange(min = 1, max = 400) int daysEarlier) {
        BillingResult later = InvoiceGenerator.generate(request);

        BillingResult earlier = InvoiceGenerator.generate(
                applied(request, later, request.targetDate().minusDays(daysEarlier)));

        assertTrue(earlier.invoice().isEmpty(), () -> "billed backwards: " + earlier.invoice());
    }

    @Property
    void totalIsTheSumOfItemsPlusTaxAtTheCurrencyScale(@ForAll("requests") BillingRequest request) {
        InvoiceGenerator.generate(request).invoice().ifPresent(invoice -> {
            int scale = Currency.getInstance(invoice.currency()).getDefaultFractionDigits();
            BigDecimal sum = BigDecimal.ZERO.setScale(scale);
            for (InvoiceItem item : invoice.items()) {
                assertEquals(scale, item.amount().scale(), () -> "line " + item);
                sum = sum.add(item.amount());
            }
            assertEquals(sum, invoice.subtotal());
            assertEquals(scale, invoice.taxTotal().scale());
            assertEquals(invoice.subtotal().add(invoice.taxTotal()), invoice.total());
        });
    }

    /**
     * Cutting one full cycle period of a charge into parts (as a stub, an end date or a cancellation does) bills
     * the full price within one minor unit per part: each part is rounded once, nothing is lost or invented.
     */
    @Property
    void proratedPartsOfAPeriodSumToItsPrice(@ForAll @IntRange(min = 1, max = 31) int billCycleDay,
                                             @ForAll @IntRange(min = 0, max = 1500) int anchorDay,
                                             @ForAll BillingPeriod length,
                                             @ForAll @IntRange(min = 0, max = 2) int currencyIndex,
                                             @ForAll @IntRange(min = 0, max = 99_999_999) int minorUnits,
                                             @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 1, max = 400) Integer> cuts,
                                             @ForAll boolean halfEven) {
        String currency = List.of("USD", "JPY", "KWD").get(currencyIndex);
        int scale = Currency.getInstance(currency).getDefaultFractionDigits();
        Money money = new Money(currency, scale, halfEven ? RoundingMode.HALF_EVEN : RoundingMode.HALF_UP);
        BigDecimal price = BigDecimal.valueOf(minorUnits, scale);
        LocalDate anchor = RandomAccounts.EPOCH.plusDays(anchorDay);
        ServicePeriod full = new BillingCycle(anchor, length, billCycleDay).periodFrom(anchor, null);
        TreeSet<LocalDate> bounds = new TreeSet<>(List.of(full.fullStart(), full.fullEndExclusive()));
        long days = ChronoUnit.DAYS.between(full.fullStart(), full.fullEndExclusive());
        cuts.forEach(cut -> bounds.add(full.fullStart().plusDays(cut % days)));
        BigDecimal billed = BigDecimal.ZERO;
        LocalDate from = null;
        for (LocalDate bound : bounds) {
            if (from != null) {
                ServicePeriod part = new ServicePeriod(from, bound, full.fullStart(), full.fullEndExclusive(), 0);
                billed = billed.add(money.prorate(price, Proration.of(part, length, ProrationMethod.ACTUAL_DAYS)));
            }
            from = bound;
        }
        BigDecimal tolerance = BigDecimal.ONE.movePointLeft(scale).multiply(BigDecimal.valueOf(bounds.size() - 1));
        BigDecimal sum = billed;
        assertTrue(sum.subtract(price).abs().compareTo(tolerance) <= 0, () -> "parts sum " + sum + " vs " + price);
    }
}

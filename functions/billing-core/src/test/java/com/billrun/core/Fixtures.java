package com.billrun.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Test data in the words of the rules: accounts, charges and a one-line view of invoice lines. */
final class Fixtures {

    private Fixtures() {
    }

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    static Account account(String currency, int billCycleDay) {
        return new Account("acc-1", currency, billCycleDay, null, null);
    }

    static Account taxedAccount(String currency, String taxRate) {
        return new Account("acc-1", currency, 1, new BigDecimal(taxRate), null);
    }

    static Charge recurring(String price, BillingPeriod period, BillingTiming timing) {
        return new Charge("ch-1", "Plan", ChargeType.RECURRING, PricingModel.FLAT_FEE, new BigDecimal(price),
                null, null, period, timing, null, null, true, null);
    }

    static Charge monthlyInAdvance(String price) {
        return recurring(price, BillingPeriod.MONTH, BillingTiming.IN_ADVANCE);
    }

    static Charge perUnit(String unitPrice, String quantity, BillingPeriod period) {
        return new Charge("ch-2", "Seats", ChargeType.RECURRING, PricingModel.PER_UNIT, new BigDecimal(unitPrice),
                null, new BigDecimal(quantity), period, BillingTiming.IN_ADVANCE, null, null, true, null);
    }

    static Charge usage(PricingModel model, List<Tier> tiers, String unitPrice) {
        return new Charge("ch-3", "API calls", ChargeType.USAGE, model,
                unitPrice == null ? null : new BigDecimal(unitPrice), tiers, null, BillingPeriod.MONTH,
                BillingTiming.IN_ARREARS, null, null, true, null);
    }

    static Charge oneTime(String price, String day) {
        return new Charge("ch-4", "Setup", ChargeType.ONE_TIME, PricingModel.FLAT_FEE, new BigDecimal(price),
                null, null, null, null, d(day), null, true, null);
    }

    /** Tiers written "10@1.00,20@0.80,*@0.50" (upTo@unitPrice, * = open). */
    static List<Tier> tiers(String spec) {
        List<Tier> tiers = new ArrayList<>();
        for (String band : spec.split(",")) {
            String[] parts = band.split("@");
            tiers.add(new Tier(parts[0].equals("*") ? null : new BigDecimal(parts[0]), new BigDecimal(parts[1])));
        }
        return tiers;
    }

    static Charge withDiscount(Charge c, Discount discount) {
        return new Charge(c.id(), c.name(), c.type(), c.model(), c.price(), c.tiers(), c.quantity(),
                c.billingPeriod(), c.billingTiming(), c.startDate(), discount, c.taxable(), c.chargedThroughDate());
    }

    static Charge untaxed(Charge c) {
        return new Charge(c.id(), c.name(), c.type(), c.model(), c.price(), c.tiers(), c.quantity(),
                c.billingPeriod(), c.billingTiming(), c.startDate(), c.discount(), false, c.chargedThroughDate());
    }

    static Charge withId(Charge c, String id) {
        return new Charge(id, c.name(), c.type(), c.model(), c.price(), c.tiers(), c.quantity(),
                c.billingPeriod(), c.billingTiming(), c.startDate(), c.discount(), c.taxable(), c.chargedThroughDate());
    }

    static Subscription subscription(String start, String end, Charge... charges) {
        return new Subscription("sub-1", d(start), end == null ? null : d(end), List.of(charges));
    }

    static BillingRequest request(Account account, List<Subscription> subscriptions, List<UsageRecord> usage,
                                  String target, ProrationMethod method, RoundingMode rounding) {
        return new BillingRequest("inv-1", account, subscriptions, usage, d(target), null,
                new TenantSettings(method, rounding), null);
    }

    static BillingResult run(Account account, Subscription subscription, String target) {
        return InvoiceGenerator.generate(BillingRequest.of("inv-1", account, List.of(subscription), null, d(target)));
    }

    static List<InvoiceItem> items(BillingResult result) {
        return result.invoice().map(Invoice::items).orElse(List.of());
    }

    /** One line per item: "KIND start..end amount", joined by " | ", or "none". */
    static String lines(BillingResult result) {
        List<InvoiceItem> items = items(result);
        if (items.isEmpty()) {
            return "none";
        }
        return items.stream().map(i -> i.kind() + " " + i.servicePeriodStart() + ".." + i.servicePeriodEnd()
                + " " + i.amount().toPlainString()).collect(Collectors.joining(" | "));
    }

    /** The charged-through date of the only charge after the run, as text ("-" when never billed). */
    static String chargedThrough(BillingResult result, Charge charge) {
        return result.chargedThroughDates().stream().filter(m -> m.chargeId().equals(charge.id()))
                .map(m -> m.next().toString()).findFirst()
                .orElse(charge.chargedThroughDate() == null ? "-" : charge.chargedThroughDate().toString());
    }

    /** The request after a store applied the result's charged-through moves (what the worker does). */
    static BillingRequest applied(BillingRequest request, BillingResult result, LocalDate nextTarget) {
        Map<String, ChargedThroughDate> moves = result.chargedThroughDates().stream()
                .collect(Collectors.toMap(m -> m.subscriptionId() + "/" + m.chargeId(), Function.identity()));
        List<Subscription> subscriptions = request.subscriptions().stream().map(s -> new Subscription(s.id(),
                s.startDate(), s.endDate(), s.charges().stream().map(c -> {
                    ChargedThroughDate move = moves.get(s.id() + "/" + c.id());
                    return move == null ? c : c.chargedThrough(move.next());
                }).toList())).toList();
        return new BillingRequest(request.invoiceId(), request.account(), subscriptions, request.usage(), nextTarget,
                null, request.settings(), request.chargeTypesToExclude());
    }
}

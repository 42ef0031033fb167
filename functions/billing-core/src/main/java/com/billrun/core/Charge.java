package com.billrun.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One charge of a subscription (functions/billing-core/RULES.md Charges) with its billing state.
 *
 * <p>{@code startDate} defaults to the subscription's start (for ONE_TIME it is the charge's date);
 * {@code chargedThroughDate} is exclusive: the first day not yet billed, null when nothing was billed.
 * {@code quantity} defaults to 1; usage charges take their quantity from usage records instead.
 */
public record Charge(String id, String name, ChargeType type, PricingModel model, BigDecimal price,
                     List<Tier> tiers, BigDecimal quantity, BillingPeriod billingPeriod, BillingTiming billingTiming,
                     LocalDate startDate, Discount discount, boolean taxable, LocalDate chargedThroughDate) {

    public Charge {
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        quantity = quantity == null ? BigDecimal.ONE : quantity;
    }

    /** The same charge with its billing state moved to {@code date} (how a store applies a run's result). */
    public Charge chargedThrough(LocalDate date) {
        return new Charge(id, name, type, model, price, tiers, quantity, billingPeriod, billingTiming, startDate,
                discount, taxable, date);
    }
}

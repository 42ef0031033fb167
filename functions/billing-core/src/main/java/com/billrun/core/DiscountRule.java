package com.billrun.core;

import java.math.BigDecimal;

/**
 * Discounts (functions/billing-core/RULES.md Amounts): their own negative line right after the charge line they reduce. A percent
 * applies to the (already prorated, rounded) charge line; an amount is per billing period and prorated like the
 * charge. Never more than the charge line, so a discount cannot turn a charge into a credit. {@code periods}
 * counts the charge's billing periods, a partial first period counting as one.
 */
final class DiscountRule {

    private DiscountRule() {
    }

    static InvoiceItem discountFor(ChargeRun run, ServicePeriod period, Proration share, BigDecimal chargeAmount) {
        Discount discount = run.charge.discount();
        if (discount == null || !appliesTo(discount, period) || chargeAmount.signum() <= 0) {
            return null;
        }
        BigDecimal off = discount.percent() != null
                ? run.money.percentOf(chargeAmount, discount.percent())
                : run.money.prorate(discount.amount(), share).min(chargeAmount);
        return off.signum() == 0 ? null : run.line(ItemKind.DISCOUNT, period, null, null, off.negate());
    }

    private static boolean appliesTo(Discount discount, ServicePeriod period) {
        return discount.periods() == null || period.ordinal() < discount.periods();
    }
}

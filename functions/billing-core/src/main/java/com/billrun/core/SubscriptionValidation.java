package com.billrun.core;

import java.math.BigDecimal;
import java.util.List;

/**
 * Subscription-level data: invalid here leaves this subscription out of the run (a {@link SubscriptionFailure})
 * while the account's other subscriptions still bill. Fields are named relative to the subscription.
 */
public final class SubscriptionValidation {

    private SubscriptionValidation() {
    }

    /**
     * The API's check of a subscription before it is stored: the engine's own rules, so that what the API accepts
     * is what a run can bill. Fields are named relative to the subscription ({@code charges[1].price}).
     */
    public static void validate(Subscription subscription, String currency) {
        check(subscription, CurrencyUnits.minorUnits(currency, "currency"));
    }

    static void check(Subscription subscription, int currencyScale) {
        Check.present(subscription.startDate(), "startDate");
        Check.require(subscription.endDate() == null || !subscription.endDate().isBefore(subscription.startDate()),
                "endDate", "is before startDate");
        List<Charge> charges = subscription.charges();
        for (int i = 0; i < charges.size(); i++) {
            Charge charge = charges.get(i);
            if (charge == null || charge.id() != null && isRepeated(charges, i)) {
                throw new BillingDataException("charges[" + i + "]" + (charge == null ? "" : ".id"),
                        charge == null ? "is required" : "is not unique in the subscription");
            }
            try {
                checkCharge(subscription, charge, currencyScale);
            } catch (BillingDataException e) {
                throw e.within("charges[" + i + "].");
            }
        }
    }

    private static boolean isRepeated(List<Charge> charges, int index) {
        for (int i = 0; i < index; i++) {
            if (charges.get(index).id().equals(charges.get(i).id())) {
                return true;
            }
        }
        return false;
    }

    private static void checkCharge(Subscription subscription, Charge charge, int currencyScale) {
        Check.present(charge.id(), "id");
        ChargeType type = Check.present(charge.type(), "type");
        PricingModel model = Check.present(charge.model(), "model");
        Check.require(!(type == ChargeType.USAGE && model == PricingModel.FLAT_FEE), "model",
                "a usage charge needs a per-unit, tiered or volume price");
        if (type != ChargeType.ONE_TIME) {
            Check.present(charge.billingPeriod(), "billingPeriod");
            Check.present(charge.billingTiming(), "billingTiming");
        }
        Check.require(charge.quantity().signum() >= 0, "quantity", "must not be negative");
        Check.require(charge.startDate() == null || !charge.startDate().isBefore(subscription.startDate()),
                "startDate", "is before the subscription's startDate");
        Check.require(charge.chargedThroughDate() == null || !charge.chargedThroughDate().isBefore(
                subscription.startDate()), "chargedThroughDate", "is before the subscription's startDate");
        checkPrice(charge, currencyScale);
        if (charge.discount() != null) {
            checkDiscount(charge.discount(), currencyScale);
        }
    }

    private static void checkPrice(Charge charge, int currencyScale) {
        switch (charge.model()) {
            case FLAT_FEE -> Check.amount(charge.price(), currencyScale, "price");
            case PER_UNIT -> Check.amount(charge.price(), Check.UNIT_PRICE_SCALE, "price");
            case TIERED, VOLUME -> checkTiers(charge.tiers());
        }
    }

    /** Tiers must climb strictly and end with an open tier, or some quantity would have no price. */
    private static void checkTiers(List<Tier> tiers) {
        Check.require(!tiers.isEmpty(), "tiers", "at least one tier is required");
        BigDecimal below = BigDecimal.ZERO;
        for (int k = 0; k < tiers.size(); k++) {
            try {
                below = checkTier(tiers.get(k), k == tiers.size() - 1, below);
            } catch (BillingDataException e) {
                throw e.within("tiers[" + k + "].");
            }
        }
    }

    /** Returns the tier's upper bound, the floor of the next tier. */
    private static BigDecimal checkTier(Tier tier, boolean last, BigDecimal below) {
        Check.amount(tier.unitPrice(), Check.UNIT_PRICE_SCALE, "unitPrice");
        Check.require(last == (tier.upTo() == null), "upTo",
                last ? "the last tier must be open (upTo null)" : "only the last tier may be open");
        Check.require(last || tier.upTo().compareTo(below) > 0, "upTo", "tiers must be in ascending order");
        return tier.upTo();
    }

    private static void checkDiscount(Discount discount, int currencyScale) {
        Check.require((discount.percent() == null) != (discount.amount() == null), "discount",
                "exactly one of percent and amount is required");
        if (discount.percent() != null) {
            Check.require(discount.percent().signum() >= 0 && discount.percent().compareTo(BigDecimal.valueOf(100)) <= 0,
                    "discount.percent", "must be between 0 and 100");
        } else {
            Check.amount(discount.amount(), currencyScale, "discount.amount");
        }
        Check.require(discount.periods() == null || discount.periods() >= 1, "discount.periods",
                "must be at least 1 (null = forever)");
    }
}

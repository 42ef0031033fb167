package com.billrun.core;

import java.math.BigDecimal;
import java.util.List;

/**
 * The pricing models (functions/billing-core/RULES.md Charges): the unrounded price of a quantity for one full period.
 * TIERED is graduated (each unit priced by the band it falls in); VOLUME prices every unit at the band the
 * total falls in. A tier's {@code upTo} is inclusive.
 */
final class Rating {

    /** A rated quantity: what the invoice line shows and the unrounded amount. */
    record Rated(BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
    }

    private Rating() {
    }

    static Rated rate(Charge charge, BigDecimal quantity) {
        return switch (charge.model()) {
            case FLAT_FEE -> new Rated(BigDecimal.ONE, charge.price(), charge.price());
            case PER_UNIT -> new Rated(quantity, charge.price(), charge.price().multiply(quantity));
            case TIERED -> new Rated(quantity, null, graduated(charge.tiers(), quantity));
            case VOLUME -> volume(charge.tiers(), quantity);
        };
    }

    private static BigDecimal graduated(List<Tier> tiers, BigDecimal quantity) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal below = BigDecimal.ZERO;
        for (Tier tier : tiers) {
            BigDecimal top = tier.upTo() == null ? quantity : tier.upTo().min(quantity);
            if (top.compareTo(below) <= 0) {
                break;
            }
            total = total.add(top.subtract(below).multiply(tier.unitPrice()));
            below = top;
        }
        return total;
    }

    private static Rated volume(List<Tier> tiers, BigDecimal quantity) {
        for (Tier tier : tiers) {
            if (tier.upTo() == null || quantity.compareTo(tier.upTo()) <= 0) {
                return new Rated(quantity, tier.unitPrice(), tier.unitPrice().multiply(quantity));
            }
        }
        throw new IllegalStateException("validated tiers end with an open tier");
    }
}

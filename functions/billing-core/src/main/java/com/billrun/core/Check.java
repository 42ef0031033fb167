package com.billrun.core;

import java.math.BigDecimal;

/** Small guards that turn a broken rule into a {@link BillingDataException} naming the field. */
final class Check {

    /** Unit prices (per unit, tiers) may carry up to 6 decimals (functions/billing-core/RULES.md). */
    static final int UNIT_PRICE_SCALE = 6;

    private Check() {
    }

    static void require(boolean valid, String field, String reason) {
        if (!valid) {
            throw new BillingDataException(field, reason);
        }
    }

    static <T> T present(T value, String field) {
        require(value != null, field, "is required");
        return value;
    }

    /** A non-negative amount with at most {@code maxScale} decimals. */
    static void amount(BigDecimal value, int maxScale, String field) {
        present(value, field);
        require(value.signum() >= 0, field, "must not be negative");
        if (value.scale() > maxScale && value.stripTrailingZeros().scale() > maxScale) {
            throw new BillingDataException(field, "has more than " + maxScale + " decimals");
        }
    }
}

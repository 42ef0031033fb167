package com.billrun.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Rounding to the currency's minor units (functions/billing-core/RULES.md Amounts): every amount the engine emits passes through
 * here exactly once, so an item is rounded once, never rounded again from a rounded value.
 */
record Money(String currency, int scale, RoundingMode mode) {

    BigDecimal round(BigDecimal amount) {
        return amount.setScale(scale, mode);
    }

    /** price × days ÷ fullDays with the single division done at the final scale. */
    BigDecimal prorate(BigDecimal price, Proration share) {
        if (share.isFull()) {
            return round(price);
        }
        return price.multiply(BigDecimal.valueOf(share.days()))
                .divide(BigDecimal.valueOf(share.fullDays()), scale, mode);
    }

    BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
        return round(amount.multiply(percent).movePointLeft(2));
    }

    BigDecimal zero() {
        return BigDecimal.ZERO.setScale(scale);
    }
}

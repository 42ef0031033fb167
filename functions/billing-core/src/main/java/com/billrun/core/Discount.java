package com.billrun.core;

import java.math.BigDecimal;

/**
 * A discount on one charge: either {@code percent} or {@code amount} (per billing period, prorated like the
 * charge), for {@code periods} billing periods of the charge, or forever when null (functions/billing-core/RULES.md Charges).
 */
public record Discount(BigDecimal percent, BigDecimal amount, Integer periods) {

    public static Discount percent(String percent, Integer periods) {
        return new Discount(new BigDecimal(percent), null, periods);
    }

    public static Discount amount(String amount, Integer periods) {
        return new Discount(null, new BigDecimal(amount), periods);
    }
}

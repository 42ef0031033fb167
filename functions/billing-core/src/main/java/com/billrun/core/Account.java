package com.billrun.core;

import java.math.BigDecimal;

/**
 * The billing facts of an account (functions/billing-core/RULES.md Account). {@code currency} is an ISO 4217 code,
 * {@code taxRate} a percent (0 when null), {@code paymentTermDays} 30 when null.
 */
public record Account(String id, String currency, int billCycleDay, BigDecimal taxRate, Integer paymentTermDays) {

    public BigDecimal taxRateOrZero() {
        return taxRate == null ? BigDecimal.ZERO : taxRate;
    }

    public int paymentTermDaysOrDefault() {
        return paymentTermDays == null ? 30 : paymentTermDays;
    }
}

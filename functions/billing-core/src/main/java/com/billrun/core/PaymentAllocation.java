package com.billrun.core;

import java.math.BigDecimal;

/** The part of a payment applied to one invoice, and that invoice's balance afterwards. */
public record PaymentAllocation(String invoiceId, BigDecimal applied, BigDecimal newBalance) {
}

package com.billrun.core;

import java.math.BigDecimal;

/** One application of account credit: {@code amount} of credit {@code sourceId} paid towards {@code invoiceId}. */
public record CreditAllocation(String sourceId, String invoiceId, BigDecimal amount) {
}

package com.billrun.core;

import java.math.BigDecimal;

/** One price band of a TIERED or VOLUME charge: units up to {@code upTo} (inclusive; null on the last tier). */
public record Tier(BigDecimal upTo, BigDecimal unitPrice) {
}

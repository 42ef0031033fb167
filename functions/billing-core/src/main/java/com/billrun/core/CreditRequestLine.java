package com.billrun.core;

import java.math.BigDecimal;

/** One line of a credit note request: how much (before tax) of invoice line {@code lineId} to credit. */
public record CreditRequestLine(String lineId, BigDecimal amount) {
}

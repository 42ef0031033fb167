package com.billrun.core;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Unapplied account credit from one source (an overpayment, a credit note's excess over the invoice's balance, a
 * credit invoice): {@code sourceId} names it, {@code date} is when it arose, {@code remaining} what is left of it
 * (positive, at the currency's scale).
 */
public record AccountCredit(String sourceId, LocalDate date, BigDecimal remaining) {
}

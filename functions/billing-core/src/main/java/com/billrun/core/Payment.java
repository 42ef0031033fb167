package com.billrun.core;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A customer's payment in the account's currency; {@code invoiceId} null means "oldest due first". */
public record Payment(BigDecimal amount, LocalDate date, String invoiceId) {
}

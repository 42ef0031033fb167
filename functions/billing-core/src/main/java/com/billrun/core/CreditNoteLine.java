package com.billrun.core;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a credit note: the invoice line it credits ({@link InvoiceLines} id), that line's charge name and
 * inclusive service period, the amount credited before tax (positive, at the currency's scale), whether it is
 * taxable, and its share of the credit note's tax ({@code tax}, zero for untaxed lines; the shares add up to
 * the credit note's tax total, see {@link CreditNotes}).
 */
public record CreditNoteLine(String lineId, String chargeName, LocalDate servicePeriodStart,
                             LocalDate servicePeriodEnd, BigDecimal amount, boolean taxable, BigDecimal tax) {
}

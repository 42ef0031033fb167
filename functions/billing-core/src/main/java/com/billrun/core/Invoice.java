package com.billrun.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A draft invoice (functions/billing-core/RULES.md Invoice): {@code subtotal} = sum of items, {@code taxTotal} rounded once,
 * {@code total} = subtotal + taxTotal, all at the currency's scale. Its number is given at posting, not here.
 */
public record Invoice(String id, String accountId, String currency, InvoiceStatus status, LocalDate invoiceDate,
                      LocalDate dueDate, List<InvoiceItem> items, BigDecimal subtotal, BigDecimal taxTotal,
                      BigDecimal total) {

    public Invoice {
        items = List.copyOf(items);
    }
}

package com.billrun.core;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What payments and the account status need to know of an invoice: its status, dates and the balance still
 * owed (its total less the payments applied to it), at the currency's scale.
 */
public record InvoiceBalance(String invoiceId, InvoiceStatus status, LocalDate invoiceDate, LocalDate dueDate,
                             BigDecimal balance) {

    /** Owed and past its due date on {@code today}: the due date itself is still in time. */
    public boolean isOverdueOn(LocalDate today) {
        return isOpen() && dueDate.isBefore(today);
    }

    /** A posted invoice with something left to pay; drafts are not owed yet, canceled ones never. */
    public boolean isOpen() {
        return status == InvoiceStatus.POSTED && balance.signum() > 0;
    }
}

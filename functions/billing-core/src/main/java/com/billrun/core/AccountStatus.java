package com.billrun.core;

import java.time.LocalDate;
import java.util.Collection;

/** How an account stands (infra/openapi.yaml payments): PAST_DUE as soon as one posted invoice is owed after its due date. */
public enum AccountStatus {
    ACTIVE, PAST_DUE;

    /** Derived, never stored: a payment or the calendar changes it without anyone writing it (RULES.md). */
    public static AccountStatus of(Collection<InvoiceBalance> invoices, LocalDate today) {
        return invoices.stream().anyMatch(invoice -> invoice.isOverdueOn(today)) ? PAST_DUE : ACTIVE;
    }
}

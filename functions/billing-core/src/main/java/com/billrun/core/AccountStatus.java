package com.billrun.core;

import java.time.LocalDate;
import java.util.Collection;

/**
 * How an account stands (infra/openapi.yaml {@code AccountStatus}; functions/billing-core/RULES.md, Payments).
 * <ul>
 *   <li><b>Stored</b> on the account (functions/store/DATA-MODEL.md): ACTIVE, as every account is created, or
 *       CLOSED, never billed again. A stored PAST_DUE (imported data) is read as billable, like ACTIVE.</li>
 *   <li><b>Derived</b> on every read for a billable account ({@link #of}): PAST_DUE while one of its posted invoices
 *       is owed after its due date, otherwise ACTIVE. It is never written back: a payment or the calendar changes
 *       it without anyone writing it. A CLOSED account shows CLOSED.</li>
 * </ul>
 * Bill runs select the {@link #billable()} accounts: an account behind on payments still receives service and is
 * still invoiced (dunning is another process).
 */
public enum AccountStatus {
    ACTIVE, PAST_DUE, CLOSED;

    /** ACTIVE and PAST_DUE accounts are billed; a CLOSED account never is. */
    public boolean billable() {
        return this != CLOSED;
    }

    /** The derived status of a billable account: PAST_DUE when a posted invoice is owed after its due date. */
    public static AccountStatus of(Collection<InvoiceBalance> invoices, LocalDate today) {
        return invoices.stream().anyMatch(invoice -> invoice.isOverdueOn(today)) ? PAST_DUE : ACTIVE;
    }
}

package com.billrun.store;

import com.billrun.core.Invoice;
import com.billrun.core.InvoiceBalance;
import java.math.BigDecimal;

/**
 * An invoice as the table keeps it: the engine's {@link Invoice} (whose id is derived from run + account, see
 * {@link InvoiceIds}), the run that generated it, and what posting adds: its {@code number} (null while DRAFT)
 * and the open {@code balance} (the total until payments, credit notes or account credit lower it; 0 once a credit
 * invoice, whose total is negative, is posted: its amount becomes account credit), and what was
 * done to it since ({@link InvoiceAdjustments}).
 */
public record StoredInvoice(String tenantId, String billRunId, Invoice invoice, String number, BigDecimal balance,
                            InvoiceAdjustments adjustments) {

    public StoredInvoice {
        adjustments = adjustments == null ? InvoiceAdjustments.NONE : adjustments;
    }

    public StoredInvoice(String tenantId, String billRunId, Invoice invoice, String number, BigDecimal balance) {
        this(tenantId, billRunId, invoice, number, balance, InvoiceAdjustments.NONE);
    }

    /** A freshly generated draft: no number yet, the whole total open. */
    public static StoredInvoice draft(String tenantId, String billRunId, Invoice invoice) {
        return new StoredInvoice(tenantId, billRunId, invoice, null, invoice.total());
    }

    /** What a payment and the account's status need of it: status, dates and what is still owed. */
    public InvoiceBalance owed() {
        return new InvoiceBalance(invoice.id(), invoice.status(), invoice.invoiceDate(), invoice.dueDate(), balance);
    }

    public String id() {
        return invoice.id();
    }
}

package com.billrun.store;

import com.billrun.core.Invoice;
import java.math.BigDecimal;

/**
 * An invoice as the table keeps it: the engine's {@link Invoice} (whose id is derived from run + account, see
 * {@link InvoiceIds}), the run that generated it, and what posting adds: its {@code number} (null while DRAFT)
 * and the open {@code balance} (the total until payments apply).
 */
public record StoredInvoice(String tenantId, String billRunId, Invoice invoice, String number, BigDecimal balance) {

    /** A freshly generated draft: no number yet, the whole total open. */
    public static StoredInvoice draft(String tenantId, String billRunId, Invoice invoice) {
        return new StoredInvoice(tenantId, billRunId, invoice, null, invoice.total());
    }

    public String id() {
        return invoice.id();
    }
}

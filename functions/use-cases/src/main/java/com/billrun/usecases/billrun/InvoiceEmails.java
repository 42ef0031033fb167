package com.billrun.usecases.billrun;

import com.billrun.core.Invoice;
import com.billrun.core.InvoiceItem;
import com.billrun.store.CustomerAccount;
import com.billrun.store.StoredInvoice;
import com.billrun.usecases.accounts.InvoicePdf;
import java.util.List;

/** The customer's copy of a posted invoice: its number, lines with service periods, totals, due date, and the PDF. */
final class InvoiceEmails {

    private InvoiceEmails() {
    }

    /** {@code copy}: sent again on request; the subject says so. */
    static Email posted(String to, CustomerAccount account, StoredInvoice stored, boolean copy) {
        Invoice invoice = stored.invoice();
        StringBuilder text = new StringBuilder("Dear %s,\n\nyour invoice %s of %s:\n\n".formatted(
                account.name() == null ? "customer" : account.name(), stored.number(), invoice.invoiceDate()));
        for (InvoiceItem line : invoice.items()) {
            text.append("  %-40s %s – %s  %s%n".formatted(line.chargeName(), line.servicePeriodStart(),
                    line.servicePeriodEnd(), line.amount().toPlainString()));
        }
        text.append("""

                Subtotal: %s
                Tax:      %s
                Total:    %s %s
                Due on %s.
                """.formatted(invoice.subtotal().toPlainString(), invoice.taxTotal().toPlainString(),
                invoice.currency(), invoice.total().toPlainString(), invoice.dueDate()));
        String subject = (copy ? "Copy of invoice" : "Invoice") + " %s: %s %s due %s".formatted(stored.number(), invoice.currency(),
                invoice.total().toPlainString(), invoice.dueDate());
        byte[] pdf = InvoicePdf.render(stored, account);
        return new Email(to, subject, text.append("\nThe invoice is attached as PDF.\n").toString(), null,
                List.of(new Email.Attachment(InvoicePdf.fileName(stored), "application/pdf", pdf)));
    }
}

package com.billrun.usecases.accounts;

import com.billrun.documents.InvoiceDocument;
import com.billrun.documents.PrintedInvoice;
import com.billrun.store.CustomerAccount;
import com.billrun.store.StoredInvoice;

/**
 * The customer's invoice document, the same whether it is downloaded or attached to the customer's email: bill-to
 * and tax rate from the account as it is now, the balance after the payments so far.
 */
public final class InvoicePdf {

    private InvoicePdf() {
    }

    public static byte[] render(StoredInvoice stored, CustomerAccount account) {
        return InvoiceDocument.render(PrintedInvoice.of(stored.invoice(), stored.number(), account.name(),
                account.billToEmail(), account.taxRate(), stored.balance()));
    }

    /** "INV-000042.pdf", or "DRAFT-{id}.pdf" before the invoice has a number. */
    public static String fileName(StoredInvoice stored) {
        return (stored.number() == null ? "DRAFT-" + stored.id() : stored.number()) + ".pdf";
    }
}

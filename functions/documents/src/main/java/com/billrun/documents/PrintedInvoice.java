package com.billrun.documents;

import com.billrun.core.Invoice;
import com.billrun.core.InvoiceItem;
import com.billrun.core.InvoiceStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the customer's invoice document shows. {@code number} is null until the invoice is
 * posted (the document then reads DRAFT); {@code issuerName} is the billing company's name, omitted when null;
 * {@code taxRate} is the account's percent; {@code balance} what is still owed after payments. Amounts are at
 * the currency's scale, as the engine and the store give them.
 */
public record PrintedInvoice(String issuerName, String number, InvoiceStatus status, LocalDate invoiceDate,
                          LocalDate dueDate, String accountName, String billToEmail, String currency,
                          List<InvoiceItem> items, BigDecimal subtotal, BigDecimal taxRate, BigDecimal taxTotal,
                          BigDecimal total, BigDecimal balance) {

    public PrintedInvoice {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(status, "status");
        for (BigDecimal amount : new BigDecimal[] {subtotal, taxTotal, total, balance}) {
            Objects.requireNonNull(amount, "subtotal, taxTotal, total and balance are required");
        }
        items = List.copyOf(items);
        taxRate = taxRate == null ? BigDecimal.ZERO : taxRate;
    }

    /** The view of a stored invoice: the engine's invoice plus what posting, the account and payments add. */
    public static PrintedInvoice of(Invoice invoice, String number, String accountName, String billToEmail,
                                 BigDecimal taxRate, BigDecimal balance) {
        return new PrintedInvoice(null, number, invoice.status(), invoice.invoiceDate(), invoice.dueDate(), accountName,
                billToEmail, invoice.currency(), invoice.items(), invoice.subtotal(), taxRate, invoice.taxTotal(),
                invoice.total(), balance);
    }

    /** The same view with the billing company's name in the header. */
    public PrintedInvoice issuedBy(String issuer) {
        return new PrintedInvoice(issuer, number, status, invoiceDate, dueDate, accountName, billToEmail, currency, items,
                subtotal, taxRate, taxTotal, total, balance);
    }

    /** "INV-000042", or DRAFT for an invoice without a number yet. */
    public String displayNumber() {
        return number == null || number.isBlank() ? "DRAFT" : number;
    }
}

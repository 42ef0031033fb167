package com.billrun.core;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Invoice assembly (functions/billing-core/RULES.md Invoice and Amounts): no lines means no invoice; otherwise a DRAFT dated the
 * run's invoice date, due {@code paymentTermDays} later, with subtotal, tax and total. Zero-amount lines still
 * make an invoice: a free period is billed, visibly.
 */
final class InvoiceAssembler {

    private InvoiceAssembler() {
    }

    static Optional<Invoice> assemble(BillingRequest request, Money money, List<InvoiceItem> items) {
        if (items.isEmpty()) {
            return Optional.empty();
        }
        Account account = request.account();
        BigDecimal subtotal = money.zero();
        for (InvoiceItem item : items) {
            subtotal = subtotal.add(item.amount());
        }
        BigDecimal tax = TaxRule.taxOn(items, account.taxRateOrZero(), money);
        return Optional.of(new Invoice(request.invoiceId(), account.id(), money.currency(), InvoiceStatus.DRAFT,
                request.effectiveInvoiceDate(),
                request.effectiveInvoiceDate().plusDays(account.paymentTermDaysOrDefault()),
                items, subtotal, tax, subtotal.add(tax)));
    }
}

package com.billrun.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies a payment to an account's invoices (RULES.md, Payments): to the named invoice, or to the open posted
 * invoices oldest due first; whatever is left stays on the account as credit. Pure: the store writes the result.
 */
public final class PaymentApplication {

    /** Oldest due date first; the same due date goes by invoice date, then id, so the order never depends on input. */
    static final Comparator<InvoiceBalance> OLDEST_DUE_FIRST = Comparator
            .comparing(InvoiceBalance::dueDate)
            .thenComparing(InvoiceBalance::invoiceDate)
            .thenComparing(InvoiceBalance::invoiceId);

    private PaymentApplication() {
    }

    /**
     * @param currency       the account's currency: the payment's amount must fit its minor units
     * @param accountBalance what the account owed before the payment (null = 0)
     * @param invoices       the account's invoices with their balances (any status; only POSTED ones are paid)
     */
    public static AppliedPayment apply(String currency, BigDecimal accountBalance, List<InvoiceBalance> invoices,
                                       Payment payment) {
        int scale = CurrencyUnits.minorUnits(currency, "currency");
        Check.present(payment, "payment");
        Check.amount(payment.amount(), scale, "amount");
        Check.require(payment.amount().signum() > 0, "amount", "must be greater than 0");
        Check.require(payment.amount().precision() - payment.amount().scale() <= RequestLimits.MAX_INTEGER_DIGITS,
                "amount", "has more than " + RequestLimits.MAX_INTEGER_DIGITS + " digits before the decimal point");
        Check.present(payment.date(), "date");
        BigDecimal remaining = payment.amount().setScale(scale);
        List<PaymentAllocation> allocations = new ArrayList<>();
        for (InvoiceBalance invoice : payable(invoices, payment.invoiceId())) {
            BigDecimal applied = remaining.min(invoice.balance());
            allocations.add(new PaymentAllocation(invoice.invoiceId(), applied, invoice.balance().subtract(applied)));
            remaining = remaining.subtract(applied);
        }
        BigDecimal before = accountBalance == null ? BigDecimal.ZERO : accountBalance;
        return new AppliedPayment(allocations, remaining, before.subtract(payment.amount()).setScale(scale));
    }

    /** The invoices the payment goes to, in order; a named invoice must exist and be posted. */
    private static List<InvoiceBalance> payable(List<InvoiceBalance> invoices, String invoiceId) {
        if (invoiceId == null) {
            return invoices.stream().filter(InvoiceBalance::isOpen).sorted(OLDEST_DUE_FIRST).toList();
        }
        InvoiceBalance named = invoices.stream().filter(invoice -> invoice.invoiceId().equals(invoiceId))
                .findFirst().orElseThrow(() -> new BillingDataException("invoiceId", "is not an invoice of the account"));
        Check.require(named.status() == InvoiceStatus.POSTED, "invoiceId",
                "is " + named.status() + ": only a posted invoice can be paid");
        return named.isOpen() ? List.of(named) : List.of();
    }
}

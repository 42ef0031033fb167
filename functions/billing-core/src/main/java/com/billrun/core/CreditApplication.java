package com.billrun.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applying account credit to open invoices (functions/billing-core/RULES.md, Corrections after posting): the
 * oldest credit first (date, then source id) to the open posted invoices oldest due first (due date, invoice
 * date, id, as payments go), each application recorded. Pure: the store writes the allocations, the credits'
 * and the invoices' new balances in one transaction; the account balance does not change (credit was already
 * counted in it).
 */
public final class CreditApplication {

    private static final Comparator<AccountCredit> OLDEST_FIRST = Comparator
            .comparing(AccountCredit::date)
            .thenComparing(AccountCredit::sourceId);

    private CreditApplication() {
    }

    /**
     * @param credits  the account's unapplied credits (those with nothing left are ignored)
     * @param invoices the invoices credit may go to (any status: only open POSTED ones take credit)
     * @return the applications in order; empty when there is no credit or nothing open
     */
    public static List<CreditAllocation> apply(List<AccountCredit> credits, List<InvoiceBalance> invoices) {
        List<AccountCredit> available = new ArrayList<>(credits.stream()
                .filter(credit -> credit.remaining().signum() > 0).sorted(OLDEST_FIRST).toList());
        List<CreditAllocation> allocations = new ArrayList<>();
        int next = 0;
        BigDecimal leftOfCredit = available.isEmpty() ? BigDecimal.ZERO : available.get(0).remaining();
        for (InvoiceBalance invoice : invoices.stream().filter(InvoiceBalance::isOpen)
                .sorted(PaymentApplication.OLDEST_DUE_FIRST).toList()) {
            BigDecimal owed = invoice.balance();
            while (owed.signum() > 0 && next < available.size()) {
                BigDecimal applied = owed.min(leftOfCredit);
                allocations.add(new CreditAllocation(available.get(next).sourceId(), invoice.invoiceId(), applied));
                owed = owed.subtract(applied);
                leftOfCredit = leftOfCredit.subtract(applied);
                if (leftOfCredit.signum() == 0 && ++next < available.size()) {
                    leftOfCredit = available.get(next).remaining();
                }
            }
        }
        return allocations;
    }
}

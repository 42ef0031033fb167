package com.billrun.usecases.corrections;

import com.billrun.core.InvoiceStatus;
import com.billrun.store.AccountMoney;
import com.billrun.store.AccountRepository;
import com.billrun.store.InvoiceAdjustments;
import com.billrun.store.InvoiceCorrections;
import com.billrun.store.InvoiceRepository;
import com.billrun.store.NotFoundException;
import com.billrun.store.RunAccount;
import com.billrun.store.RunAccountRepository;
import com.billrun.store.StoredInvoice;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Voids a posted invoice that nothing has paid ({@code POST /invoices/{id}/void}, docs/ARCHITECTURE.md): VOIDED,
 * balance 0, the number kept, the account's balance lowered by its total (its standing follows on the next read).
 * Refused (409) when the invoice is not POSTED, or when a payment, a credit note or account credit lowered its
 * balance: those are undone by a credit note instead.
 *
 * <p>With {@code rebill} the charged-through dates the invoice's run moved for the account go back to where they
 * were (as cancelling a run undoes them, see CancelBillRun), so the next run bills those periods again; the run's
 * account outcome is marked rolled back and keeps its moves. Refused (409 naming {@code rebill}) when a later
 * run already billed past them: undoing would bill that run's periods twice.
 */
public final class VoidInvoice {

    static final int ATTEMPTS = 5;

    private final InvoiceRepository invoices;
    private final AccountRepository accounts;
    private final RunAccountRepository runAccounts;
    private final InvoiceCorrections corrections;
    private final Clock clock;

    public VoidInvoice(InvoiceRepository invoices, AccountRepository accounts, RunAccountRepository runAccounts,
                       InvoiceCorrections corrections, Clock clock) {
        this.invoices = invoices;
        this.accounts = accounts;
        this.runAccounts = runAccounts;
        this.corrections = corrections;
        this.clock = clock;
    }

    public StoredInvoice voidInvoice(String tenantId, String invoiceId, String reason, boolean rebill, String by) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StoredInvoice invoice = invoices.get(tenantId, invoiceId);
            refuseUnlessVoidable(invoice);
            String accountId = invoice.invoice().accountId();
            AccountMoney account = accounts.money(tenantId, accountId)
                    .orElseThrow(() -> new NotFoundException("account", accountId));
            RunAccount outcome = rebill ? rebillable(invoice) : null;
            var voided = new InvoiceAdjustments.Voided(clock.instant(), by, reason, rebill);
            switch (corrections.voidInvoice(invoice, account, voided, outcome)) {
                case DONE -> {
                    return invoices.get(tenantId, invoiceId);
                }
                case BILLED_PAST -> throw billedPast(invoice);
                case CHANGED -> backOff(attempt);
            }
        }
        throw new CorrectionConflictException(null, "the invoice or its account kept changing while it was voided; ask again");
    }

    private static void refuseUnlessVoidable(StoredInvoice invoice) {
        InvoiceStatus status = invoice.invoice().status();
        if (status != InvoiceStatus.POSTED) {
            throw new CorrectionConflictException(null, "invoice %s is %s; only a POSTED invoice can be voided"
                    .formatted(invoice.id(), status));
        }
        if (invoice.invoice().total().signum() < 0) {
            throw new CorrectionConflictException(null, ("invoice %s is a credit invoice (total %s): its credit may "
                    + "already be spent, so it is not voided").formatted(invoice.number(), invoice.invoice().total().toPlainString()));
        }
        if (invoice.balance().compareTo(invoice.invoice().total()) != 0) {
            throw new CorrectionConflictException(null, ("invoice %s has been paid or credited (balance %s of %s): "
                    + "it cannot be voided; issue a credit note instead").formatted(invoice.number(),
                    invoice.balance().toPlainString(), invoice.invoice().total().toPlainString()));
        }
    }

    /** The run's outcome for the invoice's account, whose moves are to be undone. */
    private RunAccount rebillable(StoredInvoice invoice) {
        RunAccount outcome = runAccounts.find(invoice.tenantId(), invoice.billRunId(), invoice.invoice().accountId())
                .filter(found -> invoice.id().equals(found.invoiceId()))
                .orElseThrow(() -> new CorrectionConflictException("rebill", "rebill: the run that billed invoice "
                        + invoice.number() + " kept no record of its periods"));
        if (outcome.rolledBack()) {
            throw new CorrectionConflictException("rebill", "rebill: the periods of invoice " + invoice.number()
                    + " were already rolled back");
        }
        return outcome;
    }

    private static CorrectionConflictException billedPast(StoredInvoice invoice) {
        return new CorrectionConflictException("rebill", ("rebill: a later invoice already billed past the periods of "
                + "invoice %s; void it without rebill, or void the later invoice with rebill first").formatted(invoice.number()));
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 20L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CorrectionConflictException(null, "interrupted while voiding");
        }
    }
}

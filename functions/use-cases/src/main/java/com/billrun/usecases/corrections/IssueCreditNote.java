package com.billrun.usecases.corrections;

import com.billrun.core.CreditNoteDraft;
import com.billrun.core.CreditNoteLine;
import com.billrun.core.CreditNotes;
import com.billrun.core.CreditRequestLine;
import com.billrun.core.InvoiceStatus;
import com.billrun.store.AccountMoney;
import com.billrun.store.AccountRepository;
import com.billrun.store.Counters;
import com.billrun.store.CustomerAccount;
import com.billrun.store.InvoiceCorrections;
import com.billrun.store.InvoiceRepository;
import com.billrun.store.NotFoundException;
import com.billrun.store.StoredCreditNote;
import com.billrun.store.StoredInvoice;
import com.billrun.store.TenantConfiguration;
import com.billrun.store.TenantSettingsRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Issues a credit note for a posted invoice, paid or not ({@code POST /invoices/{id}/credit-notes},
 * docs/ARCHITECTURE.md): billing-core's {@link CreditNotes} computes its lines and tax from what is left to credit
 * on each line (the whole invoice when no lines are named) with the account's tax rate and the tenant's rounding
 * mode; the note lowers the invoice's balance by at most that balance, and what exceeds it (the invoice was paid)
 * becomes account credit. Numbered from the tenant's own credit-note sequence, the counter taken in the same
 * transaction (gap-free). Two credit notes on one invoice at once: one commits, the other reads again (the
 * invoice's {@code creditedVersion} moved) and is computed against what is left, so a line is never credited
 * beyond its amount. Once written, the customer's email is queued.
 */
public final class IssueCreditNote {

    static final int ATTEMPTS = 5;

    private final InvoiceRepository invoices;
    private final AccountRepository accounts;
    private final TenantSettingsRepository settings;
    private final Counters counters;
    private final InvoiceCorrections corrections;
    private final CreditNoteEmails emails;
    private final Clock clock;

    public IssueCreditNote(InvoiceRepository invoices, AccountRepository accounts, TenantSettingsRepository settings,
                           Counters counters, InvoiceCorrections corrections, CreditNoteEmails emails, Clock clock) {
        this.invoices = invoices;
        this.accounts = accounts;
        this.settings = settings;
        this.counters = counters;
        this.corrections = corrections;
        this.emails = emails;
        this.clock = clock;
    }

    /** @param requested the lines to credit; empty = everything left on the invoice */
    public StoredCreditNote issue(String tenantId, String invoiceId, String reason, List<CreditRequestLine> requested,
                                  String by) {
        String creditNoteId = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StoredInvoice invoice = invoices.get(tenantId, invoiceId);
            if (invoice.invoice().status() != InvoiceStatus.POSTED) {
                throw new CorrectionConflictException(null, "invoice %s is %s; only a POSTED invoice can be credited"
                        .formatted(invoiceId, invoice.invoice().status()));
            }
            String accountId = invoice.invoice().accountId();
            CustomerAccount account = accounts.find(tenantId, accountId)
                    .orElseThrow(() -> new NotFoundException("account", accountId));
            AccountMoney money = accounts.money(tenantId, accountId).orElseThrow(() -> new NotFoundException("account", accountId));
            TenantConfiguration configuration = settings.configuration(tenantId);
            CreditNoteDraft draft = CreditNotes.compute(invoice.invoice(), account.taxRate(),
                    invoice.adjustments().credited(), requested, configuration.billing().roundingMode());
            BigDecimal applied = draft.total().min(invoice.balance().max(BigDecimal.ZERO));
            long last = counters.last(tenantId, Counters.CREDIT_NOTE);
            StoredCreditNote note = new StoredCreditNote(tenantId, creditNoteId, configuration.creditNoteNumber(last + 1),
                    accountId, invoiceId, invoice.number(), invoice.billRunId(), draft.currency(), LocalDate.now(clock),
                    reason, draft.lines(), draft.subtotal(), draft.taxTotal(), draft.total(), applied,
                    draft.total().subtract(applied), by, clock.instant());
            switch (corrections.issueCreditNote(note, invoice, creditedAfter(invoice, draft), money, last)) {
                case DONE -> {
                    emails.enqueueCreditNote(tenantId, invoice.billRunId(), invoiceId, creditNoteId);
                    return note;
                }
                case CHANGED, BILLED_PAST -> backOff(attempt);
            }
        }
        throw new CorrectionConflictException(null, "the invoice or its account kept changing while the credit note was issued; ask again");
    }

    private static Map<String, BigDecimal> creditedAfter(StoredInvoice invoice, CreditNoteDraft draft) {
        Map<String, BigDecimal> credited = new TreeMap<>(invoice.adjustments().credited());
        for (CreditNoteLine line : draft.lines()) {
            credited.merge(line.lineId(), line.amount(), BigDecimal::add);
        }
        return credited;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 20L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CorrectionConflictException(null, "interrupted while issuing a credit note");
        }
    }
}

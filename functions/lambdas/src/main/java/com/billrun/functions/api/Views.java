package com.billrun.functions.api;

import com.billrun.core.BillingResult;
import com.billrun.core.Charge;
import com.billrun.core.CreditNoteLine;
import com.billrun.core.Invoice;
import com.billrun.core.InvoiceItem;
import com.billrun.core.InvoiceLines;
import com.billrun.core.PaymentAllocation;
import com.billrun.core.Subscription;
import com.billrun.core.SubscriptionFailure;
import com.billrun.core.TenantSettings;
import com.billrun.core.UsageRecord;
import com.billrun.store.AuditEntry;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunCounts;
import com.billrun.store.BillRunStatus;
import com.billrun.store.BillingFailure;
import com.billrun.store.CustomerAccount;
import com.billrun.store.InvoiceAdjustments;
import com.billrun.store.RecordedPayment;
import com.billrun.store.RunAccount;
import com.billrun.store.RunProgress;
import com.billrun.store.StoredCreditNote;
import com.billrun.store.StoredInvoice;
import com.billrun.store.TenantConfiguration;
import com.billrun.usecases.accounts.ReadSubscriptions;
import com.billrun.usecases.corrections.AccountActivity;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the API shows of the stored records (infra/openapi.yaml): no key, no tenant, no internal bookkeeping. */
final class Views {

    private Views() {
    }

    record BillRunAccepted(String id, String number, String status) {
        static BillRunAccepted of(BillRun run) {
            return new BillRunAccepted(run.id(), run.number(), run.status().name());
        }
    }

    /**
     * While PROCESSING (and in ERROR, where Complete's counts, when it ran, are the same) the counts and totals are
     * those of the batches done so far ({@code progress}); afterwards, Complete's. {@code batchCount} once Prepare
     * cut the selection.
     */
    record BillRunView(String id, String number, String status, boolean hasErrors, BillRunOptionsView options,
                       BillRunCounts counts, Map<String, BigDecimal> totals, Integer batchCount, int batchesDone,
                       long invoicesPosted, String initiatorEmail, Instant createdAt, String errorCause,
                       List<AuditEntry> auditTrail, String retryOf, List<String> retries) {
        static BillRunView of(BillRun run) {
            boolean inProgress = run.status() == BillRunStatus.PROCESSING || run.status() == BillRunStatus.ERROR;
            RunProgress progress = run.progress();
            return new BillRunView(run.id(), run.number(), run.status().name(), run.hasErrors(),
                    BillRunOptionsView.of(run.options()),
                    inProgress ? progress.counts(run.counts().accountsSelected()) : run.counts(),
                    (inProgress ? progress.totals() : run.totals()).byCurrency(), run.batchCount(), progress.batchesDone(),
                    progress.invoicesPosted(), run.initiatorEmail(), run.createdAt(), run.errorCause(), run.auditTrail(),
                    run.retryOf(), run.retries());
        }
    }

    /** {@code lineId}: the line's 1-based position (InvoiceLines), what a credit note names; {@code credited}: credited so far (before tax). */
    record InvoiceLine(String lineId, String chargeId, String chargeName, String kind, LocalDate servicePeriodStart,
                       LocalDate servicePeriodEnd, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount,
                       BigDecimal credited) {
        static InvoiceLine of(int index, InvoiceItem item, Map<String, BigDecimal> credited, int scale) {
            String lineId = InvoiceLines.idOf(index);
            return new InvoiceLine(lineId, item.chargeId(), item.chargeName(), item.kind().name(),
                    item.servicePeriodStart(), item.servicePeriodEnd(), item.quantity(), item.unitPrice(), item.amount(),
                    credited.getOrDefault(lineId, BigDecimal.ZERO.setScale(scale)));
        }
    }

    record CreditAppliedView(String creditId, String source, String sourceId, BigDecimal amount, Instant appliedAt) {
        static CreditAppliedView of(InvoiceAdjustments.CreditApplied applied) {
            return new CreditAppliedView(applied.creditId(), applied.source().name(), applied.sourceId(), applied.amount(),
                    applied.appliedAt());
        }
    }

    record VoidedView(Instant at, String by, String reason, boolean rebilled) {
        static VoidedView of(InvoiceAdjustments.Voided voided) {
            return voided == null ? null : new VoidedView(voided.at(), voided.by(), voided.reason(), voided.rebilled());
        }
    }

    /**
     * {@code creditedTotal}: what credit notes took (before tax), {@code creditApplications}: account credit applied
     * at posting, {@code voided}: who voided it, when and why (absent unless VOIDED).
     */
    record InvoiceView(String id, String number, String accountId, String billRunId, String status, String currency,
                       LocalDate invoiceDate, LocalDate dueDate, List<InvoiceLine> items, BigDecimal subtotal,
                       BigDecimal taxTotal, BigDecimal total, BigDecimal balance, BigDecimal creditedTotal,
                       List<CreditAppliedView> creditApplications, VoidedView voided) {
        static InvoiceView of(StoredInvoice stored) {
            Invoice invoice = stored.invoice();
            int scale = invoice.total().scale();
            InvoiceAdjustments adjustments = stored.adjustments();
            List<InvoiceLine> lines = new java.util.ArrayList<>();
            for (int i = 0; i < invoice.items().size(); i++) {
                lines.add(InvoiceLine.of(i, invoice.items().get(i), adjustments.credited(), scale));
            }
            return new InvoiceView(invoice.id(), stored.number(), invoice.accountId(), stored.billRunId(),
                    invoice.status().name(), invoice.currency(), invoice.invoiceDate(), invoice.dueDate(),
                    lines, invoice.subtotal(), invoice.taxTotal(), invoice.total(), stored.balance(),
                    adjustments.creditedTotal().setScale(scale),
                    adjustments.creditApplications().stream().map(CreditAppliedView::of).toList(),
                    VoidedView.of(adjustments.voided()));
        }
    }

    record CreditNoteLineView(String lineId, String chargeName, LocalDate servicePeriodStart, LocalDate servicePeriodEnd,
                              BigDecimal amount, boolean taxable, BigDecimal tax) {
        static CreditNoteLineView of(CreditNoteLine line) {
            return new CreditNoteLineView(line.lineId(), line.chargeName(), line.servicePeriodStart(),
                    line.servicePeriodEnd(), line.amount(), line.taxable(), line.tax());
        }
    }

    /** {@code appliedToInvoice} lowered the invoice's balance; {@code toAccountCredit} became account credit. */
    record CreditNoteView(String id, String number, String accountId, String invoiceId, String invoiceNumber,
                          String currency, LocalDate date, String reason, List<CreditNoteLineView> lines,
                          BigDecimal subtotal, BigDecimal taxTotal, BigDecimal total, BigDecimal appliedToInvoice,
                          BigDecimal toAccountCredit, String createdBy, Instant createdAt) {
        static CreditNoteView of(StoredCreditNote note) {
            return new CreditNoteView(note.id(), note.number(), note.accountId(), note.invoiceId(), note.invoiceNumber(),
                    note.currency(), note.date(), note.reason(), note.lines().stream().map(CreditNoteLineView::of).toList(),
                    note.subtotal(), note.taxTotal(), note.total(), note.appliedToInvoice(), note.toAccountCredit(),
                    note.createdBy(), note.createdAt());
        }
    }

    record ActivityEntryView(LocalDate date, String kind, String documentId, String number, String invoiceId,
                             String creditId, String description, BigDecimal amount, BigDecimal balanceChange,
                             BigDecimal balance) {
        static ActivityEntryView of(AccountActivity.Entry entry) {
            return new ActivityEntryView(entry.date(), entry.kind().name(), entry.documentId(), entry.number(),
                    entry.invoiceId(), entry.creditId(), entry.description(), entry.amount(), entry.balanceChange(),
                    entry.balance());
        }
    }

    record RunAccountView(String accountId, String outcome, String invoiceId, String currency, BigDecimal total,
                          int failedSubscriptions) {
        static RunAccountView of(RunAccount account) {
            return new RunAccountView(account.accountId(), account.outcome().name(), account.invoiceId(),
                    account.currency(), account.total(), account.failedSubscriptions());
        }
    }

    record FailureView(String accountId, String subscriptionId, String field, String reason) {
        static FailureView of(BillingFailure failure) {
            return new FailureView(failure.accountId(), failure.subscriptionId(), failure.field(), failure.reason());
        }
    }

    /** {@code status} is the account's standing today (ACTIVE, PAST_DUE or CLOSED), derived on each read. */
    record AccountView(String id, String name, String billToEmail, String currency, int billCycleDay, String batch,
                       BigDecimal taxRate, Integer paymentTermDays, BigDecimal balance, String status) {
        static AccountView of(CustomerAccount account, String status) {
            return new AccountView(account.id(), account.name(), account.billToEmail(), account.currency(),
                    account.billCycleDay(), account.batch(), account.taxRate(), account.paymentTermDays(),
                    account.balance(), status);
        }
    }

    /** A draft the preview computed ({@code null} when nothing is due) and the subscriptions it could not bill. */
    record InvoicePreview(@JsonInclude(JsonInclude.Include.ALWAYS) InvoiceView invoice, List<PreviewFailure> failures) {
        static InvoicePreview of(String tenantId, BillingResult result) {
            return new InvoicePreview(result.invoice().map(draft -> InvoiceView.of(StoredInvoice.draft(tenantId, null, draft)))
                    .orElse(null), result.failures().stream().map(PreviewFailure::of).toList());
        }
    }

    record PreviewFailure(String subscriptionId, String field, String reason) {
        static PreviewFailure of(SubscriptionFailure failure) {
            return new PreviewFailure(failure.subscriptionId(), failure.field(), failure.reason());
        }
    }

    record Allocation(String invoiceId, BigDecimal applied, BigDecimal newBalance) {
        static Allocation of(PaymentAllocation allocation) {
            return new Allocation(allocation.invoiceId(), allocation.applied(), allocation.newBalance());
        }
    }

    /**
     * A payment: how it was applied, the credit left ({@code unapplied}) and the account's balance right after it;
     * {@code accountStatus} (the standing it left the account in) only in the answer to the payment itself.
     */
    record PaymentView(String id, String accountId, BigDecimal amount, LocalDate date, String invoiceId,
                       List<Allocation> allocations, BigDecimal unapplied, BigDecimal accountBalance,
                       String accountStatus, String recordedBy, Instant recordedAt) {
        static PaymentView of(RecordedPayment payment, String accountStatus) {
            return new PaymentView(payment.id(), payment.accountId(), payment.amount(), payment.date(),
                    payment.invoiceId(), payment.allocations().stream().map(Allocation::of).toList(), payment.unapplied(),
                    payment.accountBalance(), accountStatus, payment.recordedBy(), payment.recordedAt());
        }

        static PaymentView of(RecordedPayment payment) {
            return of(payment, null);
        }
    }

    record UsageView(String id, String subscriptionId, String chargeId, BigDecimal quantity, LocalDate date) {
        static UsageView of(String id, UsageRecord usage) {
            return new UsageView(id, usage.subscriptionId(), usage.chargeId(), usage.quantity(), usage.date());
        }
    }

    record UsageRecorded(List<UsageView> records) {
    }

    record SettingsView(String prorationMethod, String roundingMode, String invoiceNumberPrefix,
                        String creditNoteNumberPrefix, int numberDigits, boolean applyCreditAutomatically) {
        static SettingsView of(TenantConfiguration configuration) {
            TenantSettings settings = configuration.billing();
            return new SettingsView(settings.prorationMethod().name(), settings.roundingMode().name(),
                    configuration.invoiceNumberPrefix(), configuration.creditNoteNumberPrefix(),
                    configuration.numberDigits(), configuration.applyCreditAutomatically());
        }
    }

    /** {@code status} is the subscription's standing today (PENDING, ACTIVE or ENDED), derived on each read. */
    record SubscriptionView(String id, String accountId, String status, LocalDate startDate, LocalDate endDate,
                            List<Charge> charges) {
        static SubscriptionView of(ReadSubscriptions.SubscriptionStanding standing) {
            Subscription subscription = standing.stored().subscription();
            return new SubscriptionView(subscription.id(), standing.stored().accountId(), standing.status().name(),
                    subscription.startDate(), subscription.endDate(), subscription.charges());
        }
    }
}

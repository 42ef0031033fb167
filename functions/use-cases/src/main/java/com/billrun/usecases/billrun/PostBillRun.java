package com.billrun.usecases.billrun;

import static com.billrun.store.BillRunStatus.COMPLETED;
import static com.billrun.store.BillRunStatus.POSTED;
import static com.billrun.store.BillRunStatus.POST_IN_PROGRESS;

import com.billrun.store.AuditEntry;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunConflictException;
import com.billrun.store.BillRunRepository;
import com.billrun.store.InvoicePosting.PostedInvoice;
import com.billrun.store.InvoicePosting;
import com.billrun.store.RunChange;
import com.billrun.store.TransientStoreException;
import com.billrun.usecases.events.Events;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Posts a bill run (docs/ARCHITECTURE.md Post): COMPLETED → POST_IN_PROGRESS → POSTED, its numbers reserved once and
 * its drafts posted page by page, several pages at once (InvoicePosting). Resumable: each call goes on with the pages
 * left, with the numbers already reserved, for as long as the caller has time, so a run of 1M invoices spans several
 * Lambda invocations. Idempotent: a POSTED run is done, a posted invoice is never posted
 * again. A page that cannot post returns the run to COMPLETED (what was posted stays posted) so it can be posted
 * again once the cause is fixed; a transient failure leaves it POST_IN_PROGRESS for the state machine's retry.
 */
public final class PostBillRun {

    /** How far a call got: {@code done} when the run is POSTED. */
    public record Progress(boolean done, int invoicesPosted) {
    }

    private final BillRunRepository runs;
    private final InvoicePosting posting;
    private final CustomerEmailQueue customerEmails;
    private final Clock clock;

    public PostBillRun(BillRunRepository runs, InvoicePosting posting, CustomerEmailQueue customerEmails, Clock clock) {
        this.runs = runs;
        this.posting = posting;
        this.customerEmails = customerEmails;
        this.clock = clock;
    }

    /** Posts pages while {@code timeForAnotherPage} says so (asked before each page after the call's first). */
    public Progress post(String tenantId, String billRunId, BooleanSupplier timeForAnotherPage) {
        BillRun run = start(runs.get(tenantId, billRunId));
        if (run.status() == POSTED) {
            return new Progress(true, 0);
        }
        try {
            InvoicePosting.Outcome outcome = posting.post(tenantId, billRunId, timeForAnotherPage, page -> {
                int emailsQueued = offerToCustomers(run, page);
                Events.info("post.page", "posted a page of %d invoice%s, %s to %s".formatted(page.size(), page.size() == 1 ? "" : "s",
                                page.getFirst().number(), page.getLast().number()),
                        "invoices", page.size(), "firstNumber", page.getFirst().number(),
                        "lastNumber", page.getLast().number(), "customerEmailsQueued", emailsQueued);
            });
            if (outcome.done()) {
                runs.transition(tenantId, billRunId, Set.of(POST_IN_PROGRESS), POSTED, RunChange.none().clearErrorCause());
            }
            return new Progress(outcome.done(), outcome.invoicesPosted());
        } catch (TransientStoreException retryable) {
            throw retryable;
        } catch (RuntimeException failure) {
            runs.transition(tenantId, billRunId, Set.of(POST_IN_PROGRESS), COMPLETED,
                    RunChange.none().errorCause("posting failed: " + failure.getMessage()));
            throw failure;
        }
    }

    /** A COMPLETED run posted by the state machine itself (autoPost) is posted in its initiator's name. */
    private BillRun start(BillRun run) {
        return switch (run.status()) {
            case POST_IN_PROGRESS, POSTED -> run;
            case COMPLETED -> runs.transition(run.tenantId(), run.id(), Set.of(COMPLETED), POST_IN_PROGRESS,
                    RunChange.none().audit(new AuditEntry(AuditEntry.AuditAction.POSTED, run.initiatorEmail(), clock.instant())));
            default -> throw new BillRunConflictException(run.status(),
                    "bill run %s is %s; only a COMPLETED run can be posted".formatted(run.number(), run.status()));
        };
    }

    /**
     * Customer emails (autoEmail) are queued after the page commits; a queue failure costs emails, never the post.
     * Returns how many were queued.
     */
    private int offerToCustomers(BillRun run, List<PostedInvoice> page) {
        if (!run.options().autoEmail()) {
            return 0;
        }
        List<String> invoiceIds = page.stream()
                .filter(invoice -> !(run.options().noEmailForZeroAmountInvoice() && invoice.total().signum() == 0))
                .map(PostedInvoice::invoiceId).toList();
        try {
            if (!invoiceIds.isEmpty()) {
                customerEmails.enqueue(run.tenantId(), run.id(), invoiceIds);
            }
            return invoiceIds.size();
        } catch (RuntimeException e) {
            Events.error("post.emails-not-queued", "could not queue %d customer emails".formatted(invoiceIds.size()), e,
                    "invoices", invoiceIds.size());
            return 0;
        }
    }
}

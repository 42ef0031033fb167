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
import java.util.function.Consumer;
import java.util.function.Supplier;

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
        return backToCompletedOnFailure(tenantId, billRunId, () -> {
            InvoicePosting.Outcome outcome = posting.post(tenantId, billRunId, timeForAnotherPage, logged(run));
            if (outcome.done()) {
                posted(tenantId, billRunId);
            }
            return new Progress(outcome.done(), outcome.invoicesPosted());
        });
    }

    /**
     * The first step of a post in lanes (docs/ARCHITECTURE.md Post): starts the post as {@link #post} does and
     * reserves the run's numbers when it has none yet, posting nothing. Done when the run has nothing to post (it
     * is then POSTED); otherwise the lanes ({@link #postLane}) post the pages, and a {@link #post} loop finishes.
     */
    public Progress reserve(String tenantId, String billRunId) {
        BillRun run = start(runs.get(tenantId, billRunId));
        if (run.status() == POSTED) {
            return new Progress(true, 0);
        }
        return backToCompletedOnFailure(tenantId, billRunId, () -> {
            if (posting.reserve(tenantId, billRunId)) {
                return new Progress(false, 0);
            }
            posted(tenantId, billRunId);
            return new Progress(true, 0);
        });
    }

    /**
     * One lane of a post in lanes: posts the pages of lane {@code lane} of {@code lanes} while
     * {@code timeForAnotherPage} says so; done when the lane has no page left (the run stays POST_IN_PROGRESS until a
     * {@link #post} finds nothing left). A lane only goes on with a post in progress: it never starts one, nor
     * restarts one that another lane's failure returned to COMPLETED (a {@link BillRunConflictException}).
     */
    public Progress postLane(String tenantId, String billRunId, int lane, int lanes, BooleanSupplier timeForAnotherPage) {
        BillRun run = runs.get(tenantId, billRunId);
        if (run.status() == POSTED) {
            return new Progress(true, 0);
        }
        if (run.status() != POST_IN_PROGRESS) {
            throw new BillRunConflictException(run.status(), "bill run %s is %s; a lane of its post goes on only while the post is in progress"
                    .formatted(run.number(), run.status()));
        }
        return backToCompletedOnFailure(tenantId, billRunId, () -> {
            InvoicePosting.Outcome outcome = posting.postLane(tenantId, billRunId, lane, lanes, timeForAnotherPage, logged(run));
            return new Progress(outcome.done(), outcome.invoicesPosted());
        });
    }

    /**
     * A failure that another attempt may not cure returns the run to COMPLETED (what was posted stays posted) with
     * the cause; a transient one leaves it POST_IN_PROGRESS for the state machine's retry.
     */
    private Progress backToCompletedOnFailure(String tenantId, String billRunId, Supplier<Progress> work) {
        try {
            return work.get();
        } catch (TransientStoreException retryable) {
            throw retryable;
        } catch (RuntimeException failure) {
            try {
                runs.transition(tenantId, billRunId, Set.of(POST_IN_PROGRESS), COMPLETED,
                        RunChange.none().errorCause("posting failed: " + failure.getMessage()));
            } catch (BillRunConflictException alreadyBack) {
                // Another lane of the post failed first and returned the run to COMPLETED with its cause.
                failure.addSuppressed(alreadyBack);
            }
            throw failure;
        }
    }

    private void posted(String tenantId, String billRunId) {
        runs.transition(tenantId, billRunId, Set.of(POST_IN_PROGRESS), POSTED, RunChange.none().clearErrorCause());
    }

    /** What each committed page does: its customer emails queued, the page logged. */
    private Consumer<List<PostedInvoice>> logged(BillRun run) {
        return page -> {
            int emailsQueued = offerToCustomers(run, page);
            Events.info("post.page", "posted a page of %d invoice%s, %s to %s".formatted(page.size(), page.size() == 1 ? "" : "s",
                            page.getFirst().number(), page.getLast().number()),
                    "invoices", page.size(), "firstNumber", page.getFirst().number(),
                    "lastNumber", page.getLast().number(), "customerEmailsQueued", emailsQueued);
        };
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

package com.billrun.billrun;

import com.billrun.billrun.RunEmails.FailedAccount;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunRepository;
import com.billrun.store.BillRunStatus;
import com.billrun.store.RunAccountRepository;
import java.util.List;

/**
 * Emails the run's initiator (who created it, or who owns its schedule) about a run event, once per event
 * (DESIGN.md §1 Notify). The email describes the run as stored: a "COMPLETED" notification of a run that
 * Complete found in ERROR reports the error.
 */
public final class NotifyInitiator {

    /** Why the state machine notifies. */
    public enum RunEvent { COMPLETED, ERROR, POSTED, POST_FAILED }

    /** What became of the notification. */
    public enum Result { SENT, ALREADY_SENT, FAILED, NO_RECIPIENT }

    private final BillRunRepository runs;
    private final RunAccountRepository runAccounts;
    private final MailDelivery delivery;
    private final RunEmails emails;

    public NotifyInitiator(BillRunRepository runs, RunAccountRepository runAccounts, MailDelivery delivery, String portalUrl) {
        this.runs = runs;
        this.runAccounts = runAccounts;
        this.delivery = delivery;
        this.emails = new RunEmails(portalUrl);
    }

    /** {@code cause}: the state machine's error, when the event is ERROR or POST_FAILED (else ignored). */
    public Result notify(String tenantId, String billRunId, RunEvent event, String cause) {
        BillRun run = runs.get(tenantId, billRunId);
        String to = run.initiatorEmail();
        if (to == null || to.isBlank()) {
            return Result.NO_RECIPIENT;
        }
        RunEvent reported = event == RunEvent.COMPLETED && run.status() == BillRunStatus.ERROR ? RunEvent.ERROR : event;
        Email email = switch (reported) {
            case COMPLETED -> emails.completed(to, run, failures(run));
            case ERROR -> emails.error(to, run, run.errorCause() != null ? run.errorCause() : orUnknown(cause));
            case POSTED -> emails.posted(to, run);
            case POST_FAILED -> emails.postFailed(to, run, cause != null ? cause : orUnknown(run.errorCause()));
        };
        return switch (delivery.deliver(tenantId, billRunId, reported.name(), email)) {
            case SENT -> Result.SENT;
            case ALREADY_SENT -> Result.ALREADY_SENT;
            case FAILED -> Result.FAILED;
        };
    }

    private List<FailedAccount> failures(BillRun run) {
        return runAccounts.failures(run.tenantId(), run.id(), null, RunEmails.FAILURES_LISTED + 1).items().stream()
                .map(f -> new FailedAccount(f.accountId(), f.subscriptionId(),
                        f.field() == null ? f.reason() : f.field() + ": " + f.reason()))
                .toList();
    }

    private static String orUnknown(String cause) {
        return cause == null || cause.isBlank() ? "unknown (see the state machine's execution history)" : cause;
    }
}

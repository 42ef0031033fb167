package com.billrun.usecases.billrun;

import com.billrun.store.BillRun;
import com.billrun.store.BillRunRepository;
import com.billrun.store.BillRunStatus;
import com.billrun.store.RunAccountRepository;
import com.billrun.usecases.billrun.RunEmails.FailedAccount;
import java.util.List;

/**
 * Emails the run's initiator (who created it, or who owns its schedule) about a run event, once per event
 * (docs/ARCHITECTURE.md Notify). The email describes the run as stored (see {@link #asStored}).
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
        return notify(tenantId, billRunId, event, cause, null);
    }

    /**
     * The same, once per {@code occurrence} (e.g. the execution that ended, so that a resumed run that fails again
     * is told again); null: once per event.
     */
    public Result notify(String tenantId, String billRunId, RunEvent event, String cause, String occurrence) {
        BillRun run = runs.get(tenantId, billRunId);
        String to = run.initiatorEmail();
        if (to == null || to.isBlank()) {
            return Result.NO_RECIPIENT;
        }
        RunEvent reported = asStored(event, run);
        Email email = switch (reported) {
            case COMPLETED -> emails.completed(to, run, failures(run));
            case ERROR -> emails.error(to, run, run.errorCause() != null ? run.errorCause() : orUnknown(cause));
            case POSTED -> emails.posted(to, run);
            case POST_FAILED -> emails.postFailed(to, run, run.errorCause() != null ? run.errorCause() : orUnknown(cause));
        };
        String subject = occurrence == null ? reported.name() : reported.name() + "-" + occurrence;
        return switch (delivery.deliver(tenantId, billRunId, subject, email)) {
            case SENT -> Result.SENT;
            case ALREADY_SENT -> Result.ALREADY_SENT;
            case FAILED -> Result.FAILED;
        };
    }

    /**
     * The bill-run state machine says COMPLETED both when Complete found the run in ERROR (nothing could be
     * billed) and when its autoPost failed (the run is back to COMPLETED, with the post's error): say what happened.
     */
    private static RunEvent asStored(RunEvent event, BillRun run) {
        if (event != RunEvent.COMPLETED) {
            return event;
        }
        if (run.status() == BillRunStatus.ERROR) {
            return RunEvent.ERROR;
        }
        boolean autoPostFailed = run.status() == BillRunStatus.COMPLETED && run.options().autoPost() && run.errorCause() != null;
        return autoPostFailed ? RunEvent.POST_FAILED : RunEvent.COMPLETED;
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

package com.billrun.usecases.billrun;

import static com.billrun.store.BillRunStatus.COMPLETED;
import static com.billrun.store.BillRunStatus.ERROR;
import static com.billrun.store.BillRunStatus.PENDING;
import static com.billrun.store.BillRunStatus.POST_IN_PROGRESS;
import static com.billrun.store.BillRunStatus.PROCESSING;

import com.billrun.store.BillRun;
import com.billrun.store.BillRunConflictException;
import com.billrun.store.BillRunRepository;
import com.billrun.store.RunChange;
import com.billrun.usecases.billrun.ExecutionControl.Machine;
import com.billrun.usecases.billrun.NotifyInitiator.RunEvent;
import java.util.Optional;
import java.util.Set;

/**
 * An execution of a run ended FAILED, TIMED_OUT or ABORTED (Step Functions' "Execution Status Change" event, through
 * an EventBridge rule): no run may stay PROCESSING or POST_IN_PROGRESS once nothing drives it. A generating run
 * (PENDING or PROCESSING, bill-run machine) goes to ERROR with the execution's error as its cause; a posting run
 * (POST_IN_PROGRESS, either machine) goes back to COMPLETED with the post's error, to be posted again. The initiator
 * is told (ERROR or POST_FAILED), at most once per execution.
 *
 * <p>Nothing changes when the run has moved on (the state machine's own error path already recorded it, a retry
 * completed it, it was cancelled) or when another execution of the run still runs: a late event of an old
 * execution after a resume must not stop the new one's run. So a duplicate event changes nothing either. The
 * worker bills nothing for a run that is not PROCESSING, so batches still queued for the stopped execution are
 * answered and consumed without billing.
 */
public final class ReconcileBillRun {

    /** What the reconciler did. */
    public enum Outcome { MARKED_ERROR, BACK_TO_COMPLETED, ALREADY_SETTLED, STILL_DRIVEN, UNKNOWN_RUN }

    /** The event's facts: which execution, how it ended, its error and cause (either may be null). */
    public record ExecutionEnded(Machine machine, String executionName, String status, String error, String cause) {

        public String describe() {
            StringBuilder text = new StringBuilder("execution ").append(executionName).append(" ended ").append(status);
            if (error != null && !error.isBlank()) {
                text.append(": ").append(error);
            }
            if (cause != null && !cause.isBlank()) {
                text.append(" (").append(cause).append(')');
            }
            return text.toString();
        }
    }

    private final BillRunRepository runs;
    private final ExecutionControl executions;
    private final NotifyInitiator notify;

    public ReconcileBillRun(BillRunRepository runs, ExecutionControl executions, NotifyInitiator notify) {
        this.runs = runs;
        this.executions = executions;
        this.notify = notify;
    }

    public Outcome reconcile(String tenantId, String billRunId, ExecutionEnded ended) {
        Optional<BillRun> found = runs.find(tenantId, billRunId);
        if (found.isEmpty()) {
            return Outcome.UNKNOWN_RUN;
        }
        BillRun run = found.get();
        boolean generating = ended.machine() == Machine.BILL_RUN && Set.of(PENDING, PROCESSING).contains(run.status());
        boolean posting = run.status() == POST_IN_PROGRESS;
        if (!generating && !posting) {
            return Outcome.ALREADY_SETTLED;
        }
        if (ResumeBillRun.running(executions, run, ended.executionName()).isPresent()) {
            return Outcome.STILL_DRIVEN;
        }
        try {
            if (generating) {
                runs.transition(tenantId, billRunId, Set.of(PENDING, PROCESSING), ERROR,
                        RunChange.none().errorCause(ended.describe() + "; resume the run to finish it, or cancel it"));
            } else {
                runs.transition(tenantId, billRunId, Set.of(POST_IN_PROGRESS), COMPLETED,
                        RunChange.none().errorCause("posting stopped: " + ended.describe() + "; post the run again"));
            }
        } catch (BillRunConflictException movedOn) {
            return Outcome.ALREADY_SETTLED;
        }
        notify.notify(tenantId, billRunId, generating ? RunEvent.ERROR : RunEvent.POST_FAILED, ended.describe(),
                ended.executionName());
        return generating ? Outcome.MARKED_ERROR : Outcome.BACK_TO_COMPLETED;
    }
}

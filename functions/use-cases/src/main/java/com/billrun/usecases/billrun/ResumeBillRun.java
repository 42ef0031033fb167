package com.billrun.usecases.billrun;

import static com.billrun.store.BillRunStatus.ERROR;
import static com.billrun.store.BillRunStatus.POST_IN_PROGRESS;
import static com.billrun.store.BillRunStatus.PROCESSING;

import com.billrun.store.AuditEntry.AuditAction;
import com.billrun.store.AuditEntry;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunConflictException;
import com.billrun.store.BillRunRepository;
import com.billrun.store.BillRunStatus;
import com.billrun.store.RunChange;
import com.billrun.usecases.billrun.ExecutionControl.Execution;
import com.billrun.usecases.billrun.ExecutionControl.Machine;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Resume (POST /bill-runs/{id}/resume, and the local runtime's restart): a run that no execution drives any more
 * gets a new one, named {@code {runId}-resume-{n}}. A PROCESSING run, or one in ERROR (generation failed), runs the
 * bill-run state machine again from Prepare: Prepare finds the batches it stored, and the invoice worker counts the
 * accounts this run already recorded instead of billing them, so only what is missing is billed. A POST_IN_PROGRESS
 * run runs the post-run state machine again: posting starts at the first draft left. The RESUMED entry of the
 * audit trail is written before the start, so every execution name stays findable ({@link RunExecutionNames}).
 */
public final class ResumeBillRun {

    static final Set<BillRunStatus> RESUMABLE = Set.of(PROCESSING, ERROR, POST_IN_PROGRESS);

    private final BillRunRepository runs;
    private final ExecutionControl executions;
    private final Clock clock;

    public ResumeBillRun(BillRunRepository runs, ExecutionControl executions, Clock clock) {
        this.runs = runs;
        this.executions = executions;
        this.clock = clock;
    }

    /**
     * @return the run as resumed (ERROR becomes PROCESSING; the others keep their status)
     * @throws BillRunConflictException when the status does not allow it or an execution of the run still runs
     */
    public BillRun resume(String tenantId, String billRunId, String byEmail) {
        BillRun run = runs.get(tenantId, billRunId);
        if (!RESUMABLE.contains(run.status())) {
            throw new BillRunConflictException(run.status(), ("bill run %s is %s; only a PROCESSING, ERROR or "
                    + "POST_IN_PROGRESS run can be resumed").formatted(run.number(), run.status()));
        }
        Optional<Execution> running = running(executions, run, null);
        if (running.isPresent()) {
            throw new BillRunConflictException(run.status(), "bill run %s is still driven by execution %s, which is running"
                    .formatted(run.number(), running.get().name()));
        }
        Execution next = new Execution(run.status() == POST_IN_PROGRESS ? Machine.POST_RUN : Machine.BILL_RUN,
                RunExecutionNames.resume(run.id(), RunExecutionNames.resumes(run) + 1));
        RunChange change = RunChange.none().audit(new AuditEntry(AuditAction.RESUMED, byEmail, clock.instant()));
        BillRun resumed = run.status() == ERROR
                ? runs.transition(tenantId, billRunId, Set.of(ERROR), PROCESSING, change.clearErrorCause())
                : runs.transition(tenantId, billRunId, Set.of(run.status()), run.status(), change);
        boolean started;
        try {
            started = executions.start(next, tenantId, billRunId);
        } catch (RuntimeException notStarted) {
            if (run.status() == ERROR) {
                runs.transition(tenantId, billRunId, Set.of(PROCESSING), ERROR,
                        RunChange.none().errorCause("the resumed execution did not start: " + notStarted.getMessage()));
            }
            throw notStarted;
        }
        if (!started) {
            throw new BillRunConflictException(resumed.status(), "bill run %s is being resumed already (execution %s)"
                    .formatted(run.number(), next.name()));
        }
        return resumed;
    }

    /** The first execution of the run that still runs, other than {@code except} (an execution name, or null). */
    static Optional<Execution> running(ExecutionControl executions, BillRun run, String except) {
        return RunExecutionNames.all(run).stream()
                .filter(execution -> !execution.name().equals(except))
                .filter(executions::isRunning)
                .findFirst();
    }
}

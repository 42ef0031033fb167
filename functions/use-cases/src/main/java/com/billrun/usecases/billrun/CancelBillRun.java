package com.billrun.usecases.billrun;

import static com.billrun.store.BillRunStatus.CANCELED;
import static com.billrun.store.BillRunStatus.COMPLETED;
import static com.billrun.store.BillRunStatus.ERROR;
import static com.billrun.store.BillRunStatus.PENDING;
import static com.billrun.store.BillRunStatus.PROCESSING;

import com.billrun.core.InvoiceStatus;
import com.billrun.store.AccountBillingWriter.RolledBack;
import com.billrun.store.AccountBillingWriter;
import com.billrun.store.AuditEntry.AuditAction;
import com.billrun.store.AuditEntry;
import com.billrun.store.BatchRepository;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunConflictException;
import com.billrun.store.BillRunRepository;
import com.billrun.store.BillRunStatus;
import com.billrun.store.BillrunStore;
import com.billrun.store.InvoiceRepository;
import com.billrun.store.Page;
import com.billrun.store.RunAccount;
import com.billrun.store.RunAccountRepository;
import com.billrun.store.RunBatch;
import com.billrun.store.RunChange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cancel (docs/ARCHITECTURE.md): allowed for PENDING, COMPLETED and ERROR runs without a posted invoice, and for a
 * PROCESSING run once its executions are stopped (StopExecution; the run is then canceled as an ERROR run would be,
 * its queued batches billing nothing). Every draft is
 * cancelled and its charged-through moves undone, account by account in one transaction each, so a later run bills
 * those periods again.
 *
 * <p>Refused (409) when a later run already billed past this one for some account: undoing this run's moves would
 * make the next run bill the later run's periods a second time; cancel the later run first. Only a run started in
 * the instant between that check and the rollback can still slip in: its accounts keep this run's draft (never
 * postable, the run being CANCELED) and their dates, so nothing is billed twice, and the cancel answers a conflict
 * naming them. Accounts the run never reached are closed (SKIPPED), so no straggling worker of the run can bill
 * them afterwards. An interrupted cancel can be asked again: a CANCELED run resumes, accounts already undone are
 * skipped.
 */
public final class CancelBillRun {

    static final Set<BillRunStatus> CANCELABLE = Set.of(PENDING, COMPLETED, ERROR);
    private static final Set<BillRunStatus> CANCELABLE_ONCE_STOPPED = Set.of(PENDING, PROCESSING, COMPLETED, ERROR);
    private static final int PAGE = 200;

    private final BillRunRepository runs;
    private final InvoiceRepository invoices;
    private final RunAccountRepository runAccounts;
    private final BatchRepository batches;
    private final AccountBillingWriter writer;
    private final ExecutionControl executions;
    private final Clock clock;

    /** Without a way to stop executions: a PROCESSING run is refused. */
    public CancelBillRun(BillrunStore store, Clock clock) {
        this(store, null, clock);
    }

    /** {@code executions}: stops a PROCESSING run's executions before it is canceled. */
    public CancelBillRun(BillrunStore store, ExecutionControl executions, Clock clock) {
        this.executions = executions;
        this.runs = store.billRuns();
        this.invoices = store.invoices();
        this.runAccounts = store.runAccounts();
        this.batches = store.batches();
        this.writer = store.billingWriter();
        this.clock = clock;
    }

    /** @throws BillRunConflictException when the run cannot be canceled (see the class comment) */
    public BillRun cancel(String tenantId, String billRunId, String byEmail) {
        BillRun run = runs.get(tenantId, billRunId);
        if (run.status() != CANCELED) {
            Set<BillRunStatus> from = CANCELABLE;
            if (run.status() == PROCESSING && executions != null) {
                stopExecutions(run, byEmail);
                from = CANCELABLE_ONCE_STOPPED;
            }
            refuseUnlessCancelable(run, from, accountsToUndo(tenantId, billRunId));
            run = runs.transition(tenantId, billRunId, from, CANCELED,
                    RunChange.none().audit(new AuditEntry(AuditAction.CANCELED, byEmail, clock.instant())));
        }
        List<String> billedSince = new ArrayList<>();
        for (RunBatch batch : batches.all(tenantId, billRunId)) {
            Map<String, RunAccount> recorded = runAccounts.findAll(tenantId, billRunId, batch.accountIds());
            for (String accountId : batch.accountIds()) {
                if (!undo(run, accountId, recorded.get(accountId))) {
                    billedSince.add(accountId);
                }
            }
        }
        if (!billedSince.isEmpty()) {
            throw new BillRunConflictException(CANCELED, ("bill run %s is canceled, but accounts %s were billed by a "
                    + "later run meanwhile: their drafts and dates are kept").formatted(run.number(), billedSince));
        }
        return run;
    }

    /**
     * Undoes one selected account. One the run never reached is closed (SKIPPED), so that a worker of this run still
     * running (an ERROR run's straggler) can no longer bill it; if the worker got there first, its outcome is undone.
     *
     * @return false when a later run billed past this one meanwhile (nothing undone)
     */
    private boolean undo(BillRun run, String accountId, RunAccount recorded) {
        RunAccount outcome = recorded;
        if (outcome == null) {
            if (writer.skip(run.tenantId(), run.id(), accountId)) {
                return true;
            }
            outcome = runAccounts.find(run.tenantId(), run.id(), accountId).orElseThrow();
        }
        return !hasSomethingToUndo(outcome) || writer.rollback(run.tenantId(), run.id(), outcome) != RolledBack.MOVED_ON;
    }

    private static boolean hasSomethingToUndo(RunAccount outcome) {
        return !outcome.rolledBack() && (outcome.invoiceId() != null || !outcome.moves().isEmpty());
    }

    /** Stops every execution of the run still running; the reconciler then finds the run CANCELED and leaves it. */
    private void stopExecutions(BillRun run, String byEmail) {
        for (ExecutionControl.Execution execution : RunExecutionNames.all(run)) {
            if (execution.machine() == ExecutionControl.Machine.BILL_RUN && executions.isRunning(execution)) {
                executions.stop(execution, "BillRunCanceled", "bill run " + run.number() + " canceled by " + byEmail);
            }
        }
    }

    private void refuseUnlessCancelable(BillRun run, Set<BillRunStatus> allowed, List<RunAccount> toUndo) {
        if (!allowed.contains(run.status())) {
            throw new BillRunConflictException(run.status(), "bill run %s is %s; only PENDING, PROCESSING, COMPLETED or ERROR runs can be canceled"
                    .formatted(run.number(), run.status()));
        }
        if (invoices.anyOfRun(run.tenantId(), run.id(), InvoiceStatus.POSTED)) {
            throw new BillRunConflictException(run.status(), "bill run %s has posted invoices".formatted(run.number()));
        }
        if (runs.hasReservedInvoiceNumbers(run.tenantId(), run.id())) {
            // A post reserved its drafts' numbers: rolling them back would leave those numbers unused forever.
            throw new BillRunConflictException(run.status(), "bill run %s has invoice numbers reserved by its post; post it again"
                    .formatted(run.number()));
        }
        List<String> billedLater = toUndo.stream().filter(account -> !writer.canRollBack(run.tenantId(), account))
                .map(RunAccount::accountId).toList();
        if (!billedLater.isEmpty()) {
            throw new BillRunConflictException(run.status(), ("accounts %s were billed by a later run after bill run %s; "
                    + "cancel that run first").formatted(billedLater, run.number()));
        }
    }

    /** The run's accounts with something to undo: a draft or charged-through moves, not yet rolled back. */
    private List<RunAccount> accountsToUndo(String tenantId, String billRunId) {
        List<RunAccount> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<RunAccount> page = runAccounts.accounts(tenantId, billRunId, cursor, PAGE);
            page.items().stream().filter(CancelBillRun::hasSomethingToUndo).forEach(all::add);
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }
}

package com.billrun.usecases.billrun;

import static com.billrun.store.BillRunStatus.CANCELED;
import static com.billrun.store.BillRunStatus.DELETED;
import static com.billrun.store.BillRunStatus.ERROR;

import com.billrun.core.InvoiceStatus;
import com.billrun.store.AuditEntry.AuditAction;
import com.billrun.store.AuditEntry;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunConflictException;
import com.billrun.store.BillRunRepository;
import com.billrun.store.BillRunStatus;
import com.billrun.store.BillrunStore;
import com.billrun.store.InvoiceRepository;
import com.billrun.store.RunChange;
import java.time.Clock;
import java.util.Set;

/**
 * Delete (docs/ARCHITECTURE.md): a CANCELED or ERROR run without a posted invoice, i.e. one with no financial impact
 * left, leaves the tenant's lists. An ERROR run is cancelled first, in the deleter's name (its drafts canceled, its
 * charged-through dates rolled back, as {@link CancelBillRun} does), and a CANCELED run's cancel is finished if it was
 * interrupted, so a deleted run never holds a draft or a moved date. Then the run becomes DELETED: a tombstone that
 * keeps its number, options, counts and audit trail, with a DELETED entry naming who deleted it and when, and that
 * leaves the listing (its index entry is removed). Its outcomes and failures stay, as its canceled invoices stay in
 * the accounts' history. Deleting a DELETED run again changes nothing.
 */
public final class DeleteBillRun {

    static final Set<BillRunStatus> DELETABLE = Set.of(CANCELED, ERROR);

    private final BillRunRepository runs;
    private final InvoiceRepository invoices;
    private final CancelBillRun cancel;
    private final Clock clock;

    public DeleteBillRun(BillrunStore store, CancelBillRun cancel, Clock clock) {
        this.runs = store.billRuns();
        this.invoices = store.invoices();
        this.cancel = cancel;
        this.clock = clock;
    }

    /**
     * @throws BillRunConflictException when the run is neither CANCELED nor ERROR, has a posted invoice, or cannot be
     *                                  rolled back (a later run billed past it)
     * @throws com.billrun.store.NotFoundException when there is no such run
     */
    public BillRun delete(String tenantId, String billRunId, String byEmail) {
        BillRun run = runs.get(tenantId, billRunId);
        if (run.status() == DELETED) {
            return run;
        }
        if (!DELETABLE.contains(run.status())) {
            throw new BillRunConflictException(run.status(), "bill run %s is %s; only CANCELED or ERROR runs can be deleted"
                    .formatted(run.number(), run.status()));
        }
        if (invoices.anyOfRun(tenantId, billRunId, InvoiceStatus.POSTED)) {
            throw new BillRunConflictException(run.status(), "bill run %s has posted invoices".formatted(run.number()));
        }
        cancel.cancel(tenantId, billRunId, byEmail);
        try {
            return runs.transition(tenantId, billRunId, Set.of(CANCELED), DELETED,
                    RunChange.none().audit(new AuditEntry(AuditAction.DELETED, byEmail, clock.instant())).unlisted());
        } catch (BillRunConflictException concurrent) {
            if (concurrent.status() == DELETED) {
                return runs.get(tenantId, billRunId);
            }
            throw concurrent;
        }
    }
}

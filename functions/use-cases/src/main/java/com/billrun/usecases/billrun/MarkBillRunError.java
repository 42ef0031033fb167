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
import java.util.Set;

/**
 * The error path of the state machines. A generate failure ends the run in ERROR with its cause (it can then be
 * cancelled, which rolls back whatever drafts were written). A post failure returns the run to COMPLETED
 * (docs/ARCHITECTURE.md: what was posted stays posted, the rest can be posted again). A run already past the failed step (cancelled,
 * completed by a retry) keeps its status: the error is then only the execution's.
 */
public final class MarkBillRunError {

    /** Which part of the run failed, as the state machine passes it. */
    public enum Phase { GENERATE, POST }

    private final BillRunRepository runs;

    public MarkBillRunError(BillRunRepository runs) {
        this.runs = runs;
    }

    public BillRun mark(String tenantId, String billRunId, Phase phase, String cause) {
        RunChange change = RunChange.none().errorCause(cause == null ? "unknown error" : cause);
        try {
            return phase == Phase.GENERATE
                    ? runs.transition(tenantId, billRunId, Set.of(PENDING, PROCESSING), ERROR, change)
                    : runs.transition(tenantId, billRunId, Set.of(POST_IN_PROGRESS), COMPLETED, change);
        } catch (BillRunConflictException alreadyElsewhere) {
            return runs.get(tenantId, billRunId);
        }
    }
}

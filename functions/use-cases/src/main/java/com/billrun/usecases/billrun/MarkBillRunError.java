package com.billrun.usecases.billrun;

import static com.billrun.store.BillRunStatus.COMPLETED;
import static com.billrun.store.BillRunStatus.ERROR;
import static com.billrun.store.BillRunStatus.PENDING;
import static com.billrun.store.BillRunStatus.POST_IN_PROGRESS;
import static com.billrun.store.BillRunStatus.PROCESSING;

import com.billrun.store.BatchFailure;
import com.billrun.store.BatchRepository;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunConflictException;
import com.billrun.store.BillRunRepository;
import com.billrun.store.RunBatch;
import com.billrun.store.RunChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The error path of the state machines. A generate failure ends the run in ERROR with its cause (it can then be
 * cancelled, which rolls back whatever drafts were written). A post failure returns the run to COMPLETED
 * (docs/ARCHITECTURE.md: what was posted stays posted, the rest can be posted again). A run already past the failed step (cancelled,
 * completed by a retry) keeps its status: the error is then only the execution's. When the Distributed Map failed
 * because a batch's child execution did, the cause names the batches that did not finish and why.
 */
public final class MarkBillRunError {

    /** Which part of the run failed, as the state machine passes it. */
    public enum Phase { GENERATE, POST }

    /** The error a Distributed Map fails with when one of its child executions (one batch) failed. */
    static final String CHILD_FAILED = "States.ExceedToleratedFailureThreshold";
    /** Batches named in a cause, at most, of each kind. */
    static final int NAMED = 3;

    private final BillRunRepository runs;
    private final BatchRepository batches;

    public MarkBillRunError(BillRunRepository runs, BatchRepository batches) {
        this.runs = runs;
        this.batches = batches;
    }

    public BillRun mark(String tenantId, String billRunId, Phase phase, String cause) {
        String why = cause == null ? "unknown error" : cause;
        if (phase == Phase.GENERATE && why.startsWith(CHILD_FAILED)) {
            why = why + " — " + unfinishedBatches(tenantId, billRunId);
        }
        RunChange change = RunChange.none().errorCause(why);
        try {
            return phase == Phase.GENERATE
                    ? runs.transition(tenantId, billRunId, Set.of(PENDING, PROCESSING), ERROR, change)
                    : runs.transition(tenantId, billRunId, Set.of(POST_IN_PROGRESS), COMPLETED, change);
        } catch (BillRunConflictException alreadyElsewhere) {
            return runs.get(tenantId, billRunId);
        }
    }

    /**
     * Which batches did not finish and why, from the batch items: the Map's error only says that a child failed. A
     * batch the worker gave up on carries its {@link BatchFailure}; one without a summary or a failure got no answer
     * (its task timed out, or the run stopped first).
     */
    private String unfinishedBatches(String tenantId, String billRunId) {
        List<RunBatch> all;
        try {
            all = batches.all(tenantId, billRunId);
        } catch (RuntimeException unreadable) {
            return "the batches could not be read: " + unreadable.getMessage();
        }
        List<RunBatch> failed = all.stream().filter(b -> b.summary().isEmpty() && b.failure().isPresent()).toList();
        List<RunBatch> silent = all.stream().filter(b -> b.summary().isEmpty() && b.failure().isEmpty()).toList();
        List<String> parts = new ArrayList<>();
        if (!failed.isEmpty()) {
            parts.add("%d of %d batches failed: %s".formatted(failed.size(), all.size(), named(failed,
                    b -> b.id() + " (" + b.failure().orElseThrow().describe() + ")")));
        }
        if (!silent.isEmpty()) {
            parts.add("%d of %d batches unfinished with no failure recorded (a task timed out or was stopped): %s"
                    .formatted(silent.size(), all.size(), named(silent, RunBatch::id)));
        }
        return parts.isEmpty() ? "every batch of the run finished" : String.join("; ", parts);
    }

    private static String named(List<RunBatch> batches, Function<RunBatch, String> describe) {
        String listed = batches.stream().limit(NAMED).map(describe).collect(Collectors.joining(", "));
        return batches.size() > NAMED ? listed + " and %d more".formatted(batches.size() - NAMED) : listed;
    }
}

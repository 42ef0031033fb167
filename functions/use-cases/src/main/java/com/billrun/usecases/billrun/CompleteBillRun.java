package com.billrun.usecases.billrun;

import static com.billrun.store.BillRunStatus.COMPLETED;
import static com.billrun.store.BillRunStatus.ERROR;
import static com.billrun.store.BillRunStatus.PROCESSING;

import com.billrun.store.BatchRepository;
import com.billrun.store.BatchSummary;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunCounts;
import com.billrun.store.BillRunRepository;
import com.billrun.store.BillRunStatus;
import com.billrun.store.BillrunStore;
import com.billrun.store.RunBatch;
import com.billrun.store.RunChange;
import com.billrun.store.RunProgress;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Complete (docs/ARCHITECTURE.md): adds up the batches' summaries into the run's counts and totals per currency, then
 * PROCESSING → COMPLETED ({@code hasErrors} when any account failed) or → ERROR when accounts were selected but not
 * one could be billed. A run that selected nothing completes with zero counts: a bill cycle day without accounts is
 * a normal day. Retried after it succeeded, it answers the same.
 */
public final class CompleteBillRun {

    /** What the state machine's Choice needs, and the run's counts and creation time for the handler's log line. */
    public record Completion(BillRunStatus status, boolean autoPost, BillRunCounts counts, Instant createdAt) {

        static Completion of(BillRun run) {
            return new Completion(run.status(), run.options().autoPost(), run.counts(), run.createdAt());
        }
    }

    private static final System.Logger LOG = System.getLogger(CompleteBillRun.class.getName());

    private final BillRunRepository runs;
    private final BatchRepository batches;

    public CompleteBillRun(BillrunStore store) {
        this.runs = store.billRuns();
        this.batches = store.batches();
    }

    public Completion complete(String tenantId, String billRunId) {
        BillRun run = runs.get(tenantId, billRunId);
        if (run.status() != PROCESSING) {
            return Completion.of(run);
        }
        BatchSummary total = sum(tenantId, run);
        warnUnlessProgressAgrees(run, total);
        boolean nothingBilled = total.counts().accountsSelected() > 0 && total.counts().accountsProcessed() == 0;
        RunChange change = RunChange.none().completed(total.counts(), total.totals());
        BillRun completed = nothingBilled
                ? runs.transition(tenantId, billRunId, Set.of(PROCESSING), ERROR, change.errorCause(
                        "none of the %d selected accounts could be billed; the failures tab says why"
                                .formatted(total.counts().accountsSelected())))
                : runs.transition(tenantId, billRunId, Set.of(PROCESSING), COMPLETED, change);
        return Completion.of(completed);
    }

    /**
     * The progress the batches added up as they went must be what their summaries add up to now (each summary is
     * added once, in the transaction that records it). The summaries decide; a difference is logged, never fatal:
     * a run stored before progress existed has none.
     */
    private static void warnUnlessProgressAgrees(BillRun run, BatchSummary total) {
        RunProgress progress = run.progress();
        int batches = run.batchCount() == null ? 0 : run.batchCount();
        if (progress.batchesDone() != batches
                || !progress.counts(total.counts().accountsSelected()).equals(total.counts())
                || !progress.totals().equals(total.totals())) {
            LOG.log(System.Logger.Level.WARNING, "bill run {0}: progress {1} disagrees with the batch summaries {2} ({3} batches)",
                    run.id(), progress, total, batches);
        }
    }

    /** Every batch Prepare cut must have reported; a missing one means the Map ended early. */
    private BatchSummary sum(String tenantId, BillRun run) {
        int expected = run.batchCount() == null ? 0 : run.batchCount();
        Map<String, RunBatch> stored = batches.all(tenantId, run.id()).stream()
                .collect(Collectors.toMap(RunBatch::id, Function.identity()));
        BatchSummary total = BatchSummary.NONE;
        for (String batchId : PrepareBillRun.batchIds(expected)) {
            RunBatch batch = stored.get(batchId);
            if (batch == null || batch.summary().isEmpty()) {
                throw new IllegalStateException("batch %s of bill run %s was never invoiced".formatted(batchId, run.number()));
            }
            total = total.plus(batch.summary().get());
        }
        return total;
    }
}

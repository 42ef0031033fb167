package com.billrun.usecases.billrun;

import static com.billrun.store.BillRunStatus.PENDING;
import static com.billrun.store.BillRunStatus.PROCESSING;

import com.billrun.store.BatchRepository;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunRepository;
import com.billrun.store.BillrunStore;
import com.billrun.store.RunChange;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Prepare (docs/ARCHITECTURE.md): PENDING → PROCESSING, selects the accounts, stores them in batches of {@code batchSize}
 * and returns only the batch ids (Step Functions payloads are limited to 256 KiB). A retried Prepare finds the run
 * PROCESSING: with its batches already recorded it returns the same ids; otherwise it selects and stores again,
 * overwriting the same batch items.
 */
public final class PrepareBillRun {

    private final BillRunRepository runs;
    private final BatchRepository batches;
    private final AccountSelection selection;
    private final int batchSize;

    public PrepareBillRun(BillrunStore store, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the account batch size must be at least 1, not " + batchSize);
        }
        this.runs = store.billRuns();
        this.batches = store.batches();
        this.selection = new AccountSelection(store.accounts(), store.runAccounts());
        this.batchSize = batchSize;
    }

    public List<String> prepare(String tenantId, String billRunId) {
        BillRun run = runs.transition(tenantId, billRunId, Set.of(PENDING, PROCESSING), PROCESSING, RunChange.none());
        if (run.batchCount() != null) {
            return batchIds(run.batchCount());
        }
        List<String> accountIds = selection.select(tenantId, run);
        List<String> ids = batches.store(tenantId, billRunId, accountIds, batchSize);
        runs.transition(tenantId, billRunId, Set.of(PROCESSING), PROCESSING,
                RunChange.none().prepared(ids.size(), accountIds.size()));
        return ids;
    }

    static List<String> batchIds(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(BatchRepository::idOf).toList();
    }
}

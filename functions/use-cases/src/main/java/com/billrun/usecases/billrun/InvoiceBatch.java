package com.billrun.usecases.billrun;

import com.billrun.core.TenantSettings;
import com.billrun.store.BatchFailure;
import com.billrun.store.BatchRepository;
import com.billrun.store.BatchSummary;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunConflictException;
import com.billrun.store.BillRunRepository;
import com.billrun.store.BillRunStatus;
import com.billrun.store.BillrunStore;
import com.billrun.store.NotFoundException;
import com.billrun.store.RunAccount;
import com.billrun.store.RunAccountRepository;
import com.billrun.store.RunBatch;
import com.billrun.store.TenantSettingsRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Invoices one batch of a run (docs/ARCHITECTURE.md Invoice worker): every account of the batch billed, in groups recorded
 * together, several groups at a time (the work is mostly waiting on DynamoDB), failures recorded and the batch
 * going on, then the batch's summary recorded and returned. Accounts this run already recorded are not billed again, only counted: a redelivered
 * batch finishes quickly and reports the same summary.
 */
public final class InvoiceBatch {

    /**
     * Groups billed at once within a batch: the work is mostly waiting on DynamoDB round trips. Eight keep a batch of
     * 500 to a few waves; more only add threads queueing on the same table (locally, on DynamoDB Local's one SQLite
     * thread, where 16 were no faster than 8).
     */
    static final int PARALLEL_GROUPS = 8;
    /**
     * Accounts recorded together in one transaction (about 4 actions each, of the 100 a transaction takes): fewer
     * round trips, while a refused group (rare: a duplicate delivery, a concurrent run) costs little to redo alone.
     */
    static final int GROUP_SIZE = 20;

    private final BillRunRepository runs;
    private final BatchRepository batches;
    private final RunAccountRepository runAccounts;
    private final TenantSettingsRepository settings;
    private final InvoiceAccount invoiceAccount;

    public InvoiceBatch(BillrunStore store) {
        this.runs = store.billRuns();
        this.batches = store.batches();
        this.runAccounts = store.runAccounts();
        this.settings = store.settings();
        this.invoiceAccount = new InvoiceAccount(store.accounts(), store.runAccounts(), store.billingWriter());
    }

    /**
     * Records why the batch could not be invoiced on its item, so that the run's error can name it (a failed child of
     * the Distributed Map only says that one failed). Never throws: the batch's task must be failed whatever happens
     * here; false when nothing could be recorded (no such batch, already invoiced, or the table unreachable).
     */
    public boolean recordFailure(String tenantId, String billRunId, String batchId, BatchFailure failure) {
        try {
            return batches.recordFailure(tenantId, billRunId, batchId, failure);
        } catch (RuntimeException notRecorded) {
            return false;
        }
    }

    /**
     * @param alive called between accounts, so that a long batch can send heartbeats
     * @throws BillRunConflictException when the run is not PROCESSING (the batch cannot be billed)
     * @throws NotFoundException        when the run or the batch does not exist
     */
    public BatchSummary invoice(String tenantId, String billRunId, String batchId, Runnable alive) {
        BillRun run = runs.get(tenantId, billRunId);
        if (run.status() != BillRunStatus.PROCESSING) {
            throw new BillRunConflictException(run.status(),
                    "bill run %s is %s: its batches cannot be invoiced".formatted(run.number(), run.status()));
        }
        RunBatch batch = batches.find(tenantId, billRunId, batchId)
                .orElseThrow(() -> new NotFoundException("batch", billRunId + "/" + batchId));
        TenantSettings tenantSettings = settings.get(tenantId);
        Map<String, RunAccount> recorded = runAccounts.findAll(tenantId, billRunId, batch.accountIds());
        BatchSummary summary = billAll(run, tenantSettings, batch.accountIds(), recorded, alive);
        batches.recordSummary(tenantId, billRunId, batchId, summary);
        return summary;
    }

    private BatchSummary billAll(BillRun run, TenantSettings tenantSettings, List<String> accountIds,
                                 Map<String, RunAccount> recorded, Runnable alive) {
        List<String> toBill = accountIds.stream().filter(id -> !recorded.containsKey(id)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_GROUPS);
        try {
            List<Future<List<RunAccount>>> groups = new ArrayList<>();
            for (int from = 0; from < toBill.size(); from += GROUP_SIZE) {
                List<String> group = toBill.subList(from, Math.min(toBill.size(), from + GROUP_SIZE));
                groups.add(pool.submit(() -> invoiceAccount.billTogether(run, tenantSettings, group)));
            }
            BatchSummary summary = BatchSummary.NONE;
            for (RunAccount known : recorded.values()) {
                summary = summary.plus(known.summary());
            }
            for (Future<List<RunAccount>> group : groups) {
                for (RunAccount outcome : group.get()) {
                    summary = summary.plus(outcome.summary());
                }
                alive.run();
            }
            return summary;
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while invoicing", interrupted);
        } finally {
            pool.shutdownNow();
        }
    }
}

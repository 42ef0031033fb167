package com.billrun.store;

/**
 * How far a run has got (docs/ARCHITECTURE.md Progress): the batches whose summary the worker recorded and what
 * they add up to, and the invoices posted so far. Each batch adds its summary to the run item exactly once, in the
 * transaction that first records that summary on the batch item; each posted page adds its size in the page's own
 * transaction. So the figures only ever grow, and once a run is COMPLETED (or POSTED) they equal its counts.
 */
public record RunProgress(int batchesDone, long accountsProcessed, long invoicesGenerated, long failedAccounts,
                          CurrencyTotals totals, long invoicesPosted) {

    public static final RunProgress NONE = new RunProgress(0, 0, 0, 0, CurrencyTotals.NONE, 0);

    public RunProgress {
        totals = totals == null ? CurrencyTotals.NONE : totals;
    }

    /** The counts so far, with the run's selection as {@code accountsSelected}. */
    public BillRunCounts counts(long accountsSelected) {
        return new BillRunCounts(accountsSelected, accountsProcessed, invoicesGenerated, failedAccounts);
    }
}

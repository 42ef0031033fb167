package com.billrun.store;

/** What one batch of a run produced: its counts (accountsSelected = the batch's size) and invoice totals. */
public record BatchSummary(BillRunCounts counts, CurrencyTotals totals) {

    public static final BatchSummary NONE = new BatchSummary(BillRunCounts.NONE, CurrencyTotals.NONE);

    public BatchSummary plus(BatchSummary other) {
        return new BatchSummary(counts.plus(other.counts), totals.plus(other.totals));
    }
}

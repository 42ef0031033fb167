package com.billrun.store;

import com.billrun.core.ChargedThroughDate;
import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of one account in one run (the run's accounts tab), written in the same transaction as its invoice
 * and charged-through moves. It keeps the moves so that cancelling the run can undo exactly them
 * ({@code rolledBack} once done). {@code failedSubscriptions}: how many of its subscriptions failed.
 */
public record RunAccount(String accountId, AccountOutcome outcome, String invoiceId, String currency,
                         BigDecimal total, int failedSubscriptions, List<ChargedThroughDate> moves, boolean rolledBack) {

    public RunAccount {
        moves = List.copyOf(moves);
    }

    /** A draft invoice was written; {@code moves}: the charged-through dates the run moved. */
    public static RunAccount invoiced(String accountId, String invoiceId, String currency, BigDecimal total,
                                      int failedSubscriptions, List<ChargedThroughDate> moves) {
        return new RunAccount(accountId, AccountOutcome.INVOICED, invoiceId, currency, total, failedSubscriptions, moves,
                false);
    }

    /** Billed, nothing due; charged-through dates may still have moved (a usage period without usage). */
    public static RunAccount nothingToBill(String accountId, int failedSubscriptions, List<ChargedThroughDate> moves) {
        return new RunAccount(accountId, AccountOutcome.NOTHING_TO_BILL, null, null, null, failedSubscriptions, moves,
                false);
    }

    /** The account's own data is invalid (or it no longer exists): nothing billed. */
    public static RunAccount failed(String accountId) {
        return new RunAccount(accountId, AccountOutcome.FAILED, null, null, null, 0, List.of(), false);
    }

    /** The run was cancelled before it billed the account. */
    public static RunAccount skipped(String accountId) {
        return new RunAccount(accountId, AccountOutcome.SKIPPED, null, null, null, 0, List.of(), false);
    }

    public boolean hasFailures() {
        return outcome == AccountOutcome.FAILED || failedSubscriptions > 0;
    }

    /** This account's share of a batch summary. */
    public BatchSummary summary() {
        boolean billed = outcome == AccountOutcome.INVOICED || outcome == AccountOutcome.NOTHING_TO_BILL;
        BillRunCounts counts = new BillRunCounts(1, billed ? 1 : 0,
                invoiceId == null ? 0 : 1, hasFailures() ? 1 : 0);
        CurrencyTotals totals = invoiceId == null ? CurrencyTotals.NONE : CurrencyTotals.NONE.plus(currency, total);
        return new BatchSummary(counts, totals);
    }
}

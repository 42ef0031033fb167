package com.billrun.store;

/**
 * The counts of a run (infra/openapi.yaml). {@code accountsProcessed}: accounts the engine billed, whether or not that
 * produced an invoice (an account with one failed subscription but others billed counts here and in
 * {@code failedAccounts}); {@code invoicesGenerated}: draft invoices written; {@code failedAccounts}: accounts
 * with at least one failure (the whole account, or one of its subscriptions).
 */
public record BillRunCounts(long accountsSelected, long accountsProcessed, long invoicesGenerated, long failedAccounts) {

    public static final BillRunCounts NONE = new BillRunCounts(0, 0, 0, 0);

    public BillRunCounts plus(BillRunCounts other) {
        return new BillRunCounts(accountsSelected + other.accountsSelected, accountsProcessed + other.accountsProcessed,
                invoicesGenerated + other.invoicesGenerated, failedAccounts + other.failedAccounts);
    }
}

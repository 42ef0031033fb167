package com.billrun.store;

/**
 * An account's standing. Bill runs select ACTIVE and PAST_DUE accounts: an account behind on payments still
 * receives service and is still invoiced (dunning is another process); a CLOSED account is never billed again.
 */
public enum AccountStatus {
    ACTIVE, PAST_DUE, CLOSED;

    public boolean billable() {
        return this != CLOSED;
    }
}

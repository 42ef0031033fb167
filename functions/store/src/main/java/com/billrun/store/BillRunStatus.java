package com.billrun.store;

/** docs/ARCHITECTURE.md: the life of a bill run. */
public enum BillRunStatus {
    PENDING, PROCESSING, COMPLETED, ERROR, CANCELED, POST_IN_PROGRESS, POSTED,
    /** Deleted by a user (a CANCELED or ERROR run without a posted invoice): a tombstone, out of every listing. */
    DELETED
}

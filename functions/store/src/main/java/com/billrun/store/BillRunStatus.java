package com.billrun.store;

/** docs/ARCHITECTURE.md: the life of a bill run. */
public enum BillRunStatus {
    PENDING, PROCESSING, COMPLETED, ERROR, CANCELED, POST_IN_PROGRESS, POSTED
}

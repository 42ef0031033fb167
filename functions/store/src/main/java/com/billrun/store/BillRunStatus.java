package com.billrun.store;

/** DESIGN.md §1: the life of a bill run. */
public enum BillRunStatus {
    PENDING, PROCESSING, COMPLETED, ERROR, CANCELED, POST_IN_PROGRESS, POSTED
}

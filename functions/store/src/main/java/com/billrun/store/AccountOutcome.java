package com.billrun.store;

/** What a run did with one selected account. */
public enum AccountOutcome {
    /** A draft invoice was written. */
    INVOICED,
    /** Billed, but nothing was due (charged-through dates may still have moved, e.g. a usage period without usage). */
    NOTHING_TO_BILL,
    /** The account's own data is invalid (or it no longer exists): nothing was billed. */
    FAILED,
    /** The run was cancelled before it billed the account; nothing may bill it for this run any more. */
    SKIPPED
}

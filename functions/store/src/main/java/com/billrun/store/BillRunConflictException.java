package com.billrun.store;

/** The run's status (or its invoices) does not allow what was asked; the API answers 409. */
public final class BillRunConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient BillRunStatus status;

    public BillRunConflictException(BillRunStatus status, String message) {
        super(message);
        this.status = status;
    }

    /** The status the run had when the change was refused; null when the refusal did not read it. */
    public BillRunStatus status() {
        return status;
    }
}

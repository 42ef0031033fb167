package com.billrun.usecases.billrun;

/** The invoice's status does not allow what was asked (e.g. emailing a draft); the API answers 409. */
public final class InvoiceConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvoiceConflictException(String message) {
        super(message);
    }
}

package com.billrun.usecases.corrections;

/**
 * The invoice's state does not allow the correction (paid, not posted, billed past), or it kept changing under it;
 * the API answers 409 naming {@code field} when one request field is the cause (e.g. {@code rebill}).
 */
public final class CorrectionConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public CorrectionConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field the refusal is about, or null. */
    public String field() {
        return field;
    }
}

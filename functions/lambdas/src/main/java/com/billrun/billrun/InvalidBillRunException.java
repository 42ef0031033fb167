package com.billrun.billrun;

/** A bill run's options break a rule; {@code field} names the offending option (the API answers 422). */
public final class InvalidBillRunException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidBillRunException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

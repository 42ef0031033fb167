package com.billrun.store;

/**
 * A listing's {@code cursor} is not one that listing gave out (not a cursor at all, or a key its query refuses):
 * the caller's mistake, not the store's (the API answers 400). Nothing was read.
 */
public final class InvalidCursorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidCursorException() {
        super("cursor is not valid");
    }

    public InvalidCursorException(Throwable cause) {
        super("cursor is not valid", cause);
    }
}

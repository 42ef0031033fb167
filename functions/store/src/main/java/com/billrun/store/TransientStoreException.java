package com.billrun.store;

/**
 * The table could not be reached or throttled us: worth retrying. Step Functions sees it as the error
 * {@code com.billrun.store.TransientStoreException} (Lambda reports a Java exception by its full class name).
 */
public final class TransientStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TransientStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

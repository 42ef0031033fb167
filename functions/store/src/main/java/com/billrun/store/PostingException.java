package com.billrun.store;

/**
 * A page of drafts cannot be posted as the data stands (e.g. an invoice's account is gone). Nothing of the page
 * was written; retrying will not help until the data is fixed.
 */
public final class PostingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PostingException(String message) {
        super(message);
    }
}

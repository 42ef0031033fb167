package com.billrun.usecases.accounts;

/** The account's current state does not allow the change (or kept changing under it); the API answers 409. */
public final class AccountConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccountConflictException(String message) {
        super(message);
    }
}

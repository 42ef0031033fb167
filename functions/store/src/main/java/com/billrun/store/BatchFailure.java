package com.billrun.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Why the invoice worker gave up on a batch without invoicing it (the run was no longer PROCESSING, the batch was
 * unreadable, an unexpected error), as the worker recorded it on the batch item before failing the batch's task.
 *
 * @param error   the error's name as Step Functions was told it (an exception's simple class name)
 * @param message what went wrong, in one line
 * @param at      when the worker gave up
 */
public record BatchFailure(String error, String message, Instant at) {

    public BatchFailure {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(at, "at");
        message = message == null ? "" : message;
    }

    /** {@code IllegalStateException: the batch's accounts are unreadable}. */
    public String describe() {
        return message.isBlank() ? error : error + ": " + message;
    }
}

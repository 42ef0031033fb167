package com.billrun.core;

import java.time.LocalDate;

/**
 * A move of one charge's charged-through date (exclusive: the first unbilled day). {@code previous} is what the
 * store must still hold for the write to apply (optimistic condition); null means never billed.
 */
public record ChargedThroughDate(String subscriptionId, String chargeId, LocalDate previous, LocalDate next) {

    /** The move that undoes this one, for cancelling the draft invoice that carried it. */
    public ChargedThroughDate reversed() {
        return new ChargedThroughDate(subscriptionId, chargeId, next, previous);
    }
}

package com.billrun.core;

import java.util.List;
import java.util.Optional;

/**
 * What a run of one account produces: the draft invoice (empty when nothing to bill), the charged-through moves
 * to write with it (may be non-empty without an invoice, e.g. a usage period with no usage), and the
 * subscriptions left out because their data is invalid.
 */
public record BillingResult(Optional<Invoice> invoice, List<ChargedThroughDate> chargedThroughDates,
                            List<SubscriptionFailure> failures) {

    public BillingResult {
        chargedThroughDates = List.copyOf(chargedThroughDates);
        failures = List.copyOf(failures);
    }

    /** The moves that put every charge back where it was: applied when the draft invoice is cancelled. */
    public List<ChargedThroughDate> rollback() {
        return chargedThroughDates.stream().map(ChargedThroughDate::reversed).toList();
    }
}

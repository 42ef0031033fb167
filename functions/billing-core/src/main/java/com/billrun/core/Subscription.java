package com.billrun.core;

import java.time.LocalDate;
import java.util.List;

/**
 * A subscription and its charges. {@code endDate} is exclusive, the first day without service: a term end or a
 * cancellation's effective date (null = evergreen). See RULES.md.
 */
public record Subscription(String id, LocalDate startDate, LocalDate endDate, List<Charge> charges) {

    public Subscription {
        charges = charges == null ? List.of() : List.copyOf(charges);
    }

    /** The same subscription cancelled (or ended) from {@code effectiveDate}, the first day without service. */
    public Subscription endingOn(LocalDate effectiveDate) {
        return new Subscription(id, startDate, effectiveDate, charges);
    }
}

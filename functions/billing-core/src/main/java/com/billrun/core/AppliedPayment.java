package com.billrun.core;

import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of {@link PaymentApplication#apply}: what each invoice received (in application order), the
 * {@code unapplied} rest that stays on the account as credit, and the account balance afterwards (negative =
 * the customer is in credit).
 */
public record AppliedPayment(List<PaymentAllocation> allocations, BigDecimal unapplied, BigDecimal accountBalance) {

    public AppliedPayment {
        allocations = List.copyOf(allocations);
    }
}

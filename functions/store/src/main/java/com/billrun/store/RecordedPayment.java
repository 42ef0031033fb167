package com.billrun.store;

import com.billrun.core.PaymentAllocation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A payment as the account's history keeps it ({@code PAY#{date}#{id}} in the account's collection): what was
 * paid, how it was applied ({@code allocations}, oldest due first or to the named invoice), the {@code unapplied}
 * rest left as credit, the account's balance right after it, and who recorded it when.
 */
public record RecordedPayment(String id, String accountId, BigDecimal amount, LocalDate date, String invoiceId,
                              List<PaymentAllocation> allocations, BigDecimal unapplied, BigDecimal accountBalance,
                              String recordedBy, Instant recordedAt) {

    public RecordedPayment {
        allocations = List.copyOf(allocations);
    }
}

package com.billrun.store;

import java.time.Instant;
import java.util.List;

/**
 * A bill run as the table keeps it: number (BR-00001), options, status, counts, totals per currency, who started
 * it (the initiator gets the emails) and its audit trail. {@code errorCause} says why it ended in ERROR (or why
 * its last post attempt failed); {@code batchCount} is set by Prepare once the selection is stored.
 */
public record BillRun(String tenantId, String id, String number, BillRunStatus status, BillRunOptions options,
                      String initiatorEmail, BillRunCounts counts, CurrencyTotals totals, boolean hasErrors,
                      Integer batchCount, String errorCause, Instant createdAt, List<AuditEntry> auditTrail) {

    public BillRun {
        auditTrail = auditTrail == null ? List.of() : List.copyOf(auditTrail);
        counts = counts == null ? BillRunCounts.NONE : counts;
        totals = totals == null ? CurrencyTotals.NONE : totals;
    }
}

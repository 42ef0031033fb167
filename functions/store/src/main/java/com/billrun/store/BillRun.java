package com.billrun.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A bill run as the table keeps it: number (BR-00001), options, status, counts, totals per currency, who started
 * it (the initiator gets the emails) and its audit trail. {@code errorCause} says why it ended in ERROR (or why
 * its last post attempt failed); {@code batchCount} is set by Prepare once the selection is stored.
 * <p>
 * A new run starts as {@link #pending}; the repository numbers it ({@link #withNumber}) and every later change is a
 * conditional status transition ({@link BillRunRepository#transition}). The canonical constructor is the item's
 * mapping.
 */
public record BillRun(String tenantId, String id, String number, BillRunStatus status, BillRunOptions options,
                      String initiatorEmail, BillRunCounts counts, CurrencyTotals totals, boolean hasErrors,
                      Integer batchCount, String errorCause, Instant createdAt, List<AuditEntry> auditTrail) {

    public BillRun {
        auditTrail = auditTrail == null ? List.of() : List.copyOf(auditTrail);
        counts = counts == null ? BillRunCounts.NONE : counts;
        totals = totals == null ? CurrencyTotals.NONE : totals;
    }

    /** A run not yet stored: PENDING, no number, nothing counted, an empty audit trail. */
    public static BillRun pending(String tenantId, String id, BillRunOptions options, String initiatorEmail,
                                  Instant createdAt) {
        return new BillRun(tenantId, id, null, BillRunStatus.PENDING, options, initiatorEmail, BillRunCounts.NONE,
                CurrencyTotals.NONE, false, null, null, createdAt, List.of());
    }

    /** The same run with its number ({@code BR-00001}). */
    public BillRun withNumber(String runNumber) {
        return new BillRun(tenantId, id, runNumber, status, options, initiatorEmail, counts, totals, hasErrors,
                batchCount, errorCause, createdAt, auditTrail);
    }

    /** The same run with {@code entry} at the end of its audit trail. */
    public BillRun withAudit(AuditEntry entry) {
        List<AuditEntry> trail = new ArrayList<>(auditTrail);
        trail.add(entry);
        return new BillRun(tenantId, id, number, status, options, initiatorEmail, counts, totals, hasErrors,
                batchCount, errorCause, createdAt, trail);
    }
}

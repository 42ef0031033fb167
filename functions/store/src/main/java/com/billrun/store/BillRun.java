package com.billrun.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A bill run as the table keeps it: number (BR-00001), options, status, counts, totals per currency, who started
 * it (the initiator gets the emails) and its audit trail. {@code errorCause} says why it ended in ERROR (or why
 * its last post attempt failed); {@code batchCount} is set by Prepare once the selection is stored;
 * {@code progress} is how far the batches and the post have got ({@link RunProgress}). A run made to retry
 * another's failures names it in {@code retryOf}; the other lists it in {@code retries}.
 * <p>
 * A new run starts as {@link #pending}; the repository numbers it ({@link #withNumber}) and every later change is a
 * conditional status transition ({@link BillRunRepository#transition}). The canonical constructor is the item's
 * mapping.
 */
public record BillRun(String tenantId, String id, String number, BillRunStatus status, BillRunOptions options,
                      String initiatorEmail, BillRunCounts counts, CurrencyTotals totals, boolean hasErrors,
                      Integer batchCount, String errorCause, Instant createdAt, List<AuditEntry> auditTrail,
                      RunProgress progress, String retryOf, List<String> retries) {

    public BillRun {
        auditTrail = auditTrail == null ? List.of() : List.copyOf(auditTrail);
        counts = counts == null ? BillRunCounts.NONE : counts;
        totals = totals == null ? CurrencyTotals.NONE : totals;
        progress = progress == null ? RunProgress.NONE : progress;
        retries = retries == null ? List.of() : List.copyOf(retries);
    }

    /** A run not yet stored: PENDING, no number, nothing counted, an empty audit trail. */
    public static BillRun pending(String tenantId, String id, BillRunOptions options, String initiatorEmail,
                                  Instant createdAt) {
        return new BillRun(tenantId, id, null, BillRunStatus.PENDING, options, initiatorEmail, BillRunCounts.NONE,
                CurrencyTotals.NONE, false, null, null, createdAt, List.of(), RunProgress.NONE, null, List.of());
    }

    /** The same run with its number ({@code BR-00001}). */
    public BillRun withNumber(String runNumber) {
        return new BillRun(tenantId, id, runNumber, status, options, initiatorEmail, counts, totals, hasErrors,
                batchCount, errorCause, createdAt, auditTrail, progress, retryOf, retries);
    }

    /** The same run with {@code entry} at the end of its audit trail. */
    public BillRun withAudit(AuditEntry entry) {
        List<AuditEntry> trail = new ArrayList<>(auditTrail);
        trail.add(entry);
        return new BillRun(tenantId, id, number, status, options, initiatorEmail, counts, totals, hasErrors,
                batchCount, errorCause, createdAt, trail, progress, retryOf, retries);
    }

    /** The same (new) run as the retry of {@code originalId}'s failures: its selection is those accounts. */
    public BillRun retrying(String originalId) {
        return new BillRun(tenantId, id, number, status, options, initiatorEmail, counts, totals, hasErrors,
                batchCount, errorCause, createdAt, auditTrail, progress, originalId, retries);
    }
}

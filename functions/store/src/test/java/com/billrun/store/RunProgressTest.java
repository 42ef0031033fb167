package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.Invoice;
import com.billrun.core.InvoiceStatus;
import com.billrun.store.AuditEntry.AuditAction;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A run's progress (DATA-MODEL.md): each batch's summary added to the run item exactly once, in the transaction that
 * first records it; each posted page's size added in the page's transaction. Also the links of a retry and the
 * tombstone of a deleted run.
 */
class RunProgressTest {

    private static final Instant NOW = Instant.parse("2026-12-01T06:00:00Z");
    private static final LocalDate DECEMBER_1 = LocalDate.of(2026, 12, 1);

    private final BillrunStore store = LocalTable.create();

    @Test
    void aBatchSummaryIsAddedToTheRunOnceEvenWhenTheBatchIsRecordedAgain() {
        Fixtures.processingRun(store, "progress-1", "run1");
        List<String> batchIds = store.batches().store("progress-1", "run1", List.of("A1", "A2", "A3", "A4"), 2);
        BatchSummary first = summary(2, 2, 1, 0, Map.of("USD", "10.10", "JPY", "1200"));

        assertTrue(store.batches().recordSummary("progress-1", "run1", batchIds.get(0), first));
        assertFalse(store.batches().recordSummary("progress-1", "run1", batchIds.get(0), first), "a redelivery adds nothing");

        RunProgress progress = store.billRuns().get("progress-1", "run1").progress();
        assertEquals(new RunProgress(1, 2, 1, 0, totals(Map.of("USD", "10.10", "JPY", "1200")), 0), progress);
        assertEquals(new BigDecimal("10.10"), progress.totals().byCurrency().get("USD"), "the currency's scale back");
        assertEquals(first, store.batches().find("progress-1", "run1", batchIds.get(0)).orElseThrow().summary().orElseThrow());
    }

    @Test
    void batchesRecordedAtTheSameTimeAreAllCountedExactly() {
        Fixtures.processingRun(store, "progress-2", "run1");
        List<String> accounts = IntStream.rangeClosed(1, 24).mapToObj(i -> "A" + i).toList();
        List<String> batchIds = store.batches().store("progress-2", "run1", accounts, 2);

        batchIds.parallelStream().forEach(batchId -> assertTrue(store.batches().recordSummary("progress-2", "run1", batchId,
                summary(2, 2, 2, 1, Map.of("USD", "19.99", "KWD", "1.005")))));
        batchIds.parallelStream().forEach(batchId -> assertFalse(store.batches().recordSummary("progress-2", "run1", batchId,
                summary(2, 2, 2, 1, Map.of("USD", "19.99", "KWD", "1.005")))));

        assertEquals(new RunProgress(12, 24, 24, 12, totals(Map.of("USD", "239.88", "KWD", "12.060")), 0),
                store.billRuns().get("progress-2", "run1").progress());
    }

    @Test
    void eachPostedPageAddsItsInvoicesOnce() {
        Fixtures.processingRun(store, "progress-3", "run1");
        IntStream.rangeClosed(1, 60).forEach(i -> {
            store.accounts().create("progress-3", Fixtures.account("P" + i, "USD", 1, "Batch1"));
            BigDecimal amount = new BigDecimal("5.00");
            Invoice invoice = new Invoice("run1-P" + i, "P" + i, "USD", InvoiceStatus.DRAFT, DECEMBER_1,
                    DECEMBER_1.plusDays(30), List.of(), amount, BigDecimal.ZERO.setScale(2), amount);
            Fixtures.putDraft(store, StoredInvoice.draft("progress-3", "run1", invoice));
        });
        InvoicePosting posting = new InvoicePosting(store.table(), Clock.systemUTC());

        assertEquals(InvoicePosting.PAGE_SIZE, posting.postNextPage("progress-3", "run1").size());
        assertEquals(49, store.billRuns().get("progress-3", "run1").progress().invoicesPosted(), "after the first page");
        while (!posting.postNextPage("progress-3", "run1").isEmpty()) {
            // the rest
        }
        posting.postNextPage("progress-3", "run1");

        assertEquals(60, store.billRuns().get("progress-3", "run1").progress().invoicesPosted());
    }

    @Test
    void aRetryAndItsOriginalNameEachOtherOrNeitherIsWritten() {
        store.billRuns().create(pending("retry", "orig"));
        BillRun retry = pending("retry", "r2").retrying("orig");
        AuditEntry retried = new AuditEntry(AuditAction.RETRIED, "ops@acme.example", NOW);

        var refused = assertThrows(BillRunConflictException.class,
                () -> store.billRuns().createRetry(retry, Set.of(BillRunStatus.COMPLETED), retried));
        assertEquals(BillRunStatus.PENDING, refused.status());
        assertTrue(store.billRuns().find("retry", "r2").isEmpty(), "nothing written");
        assertEquals(1, store.counters().last("retry", Counters.BILL_RUN), "no number taken");

        store.billRuns().transition("retry", "orig", Set.of(BillRunStatus.PENDING), BillRunStatus.COMPLETED, RunChange.none());
        BillRun created = store.billRuns().createRetry(retry, Set.of(BillRunStatus.COMPLETED), retried);

        assertEquals("BR-00002", created.number());
        assertEquals("orig", store.billRuns().get("retry", "r2").retryOf());
        BillRun original = store.billRuns().get("retry", "orig");
        assertEquals(List.of("r2"), original.retries());
        assertEquals(retried, original.auditTrail().getLast());
    }

    @Test
    void aDeletedRunLeavesTheListingAndKeepsItsAuditTrail() {
        store.billRuns().create(pending("tomb", "r1"));
        store.billRuns().create(pending("tomb", "r2"));
        AuditEntry deleted = new AuditEntry(AuditAction.DELETED, "ops@acme.example", NOW);

        store.billRuns().transition("tomb", "r1", Set.of(BillRunStatus.PENDING), BillRunStatus.DELETED,
                RunChange.none().audit(deleted).unlisted());

        assertEquals(List.of("r2"), store.billRuns().list("tomb", null, 10).items().stream().map(BillRun::id).toList());
        BillRun tombstone = store.billRuns().get("tomb", "r1");
        assertEquals(BillRunStatus.DELETED, tombstone.status());
        assertEquals("BR-00001", tombstone.number());
        assertEquals(deleted, tombstone.auditTrail().getLast());
    }

    private static BillRun pending(String tenantId, String id) {
        return BillRun.pending(tenantId, id, BillRunOptions.allAccounts(DECEMBER_1), "me@acme.example", NOW)
                .withAudit(new AuditEntry(AuditAction.CREATED, "me@acme.example", NOW));
    }

    private static BatchSummary summary(long selected, long processed, long invoices, long failed, Map<String, String> totals) {
        return new BatchSummary(new BillRunCounts(selected, processed, invoices, failed), totals(totals));
    }

    private static CurrencyTotals totals(Map<String, String> amounts) {
        CurrencyTotals totals = CurrencyTotals.NONE;
        for (var amount : amounts.entrySet()) {
            totals = totals.plus(amount.getKey(), new BigDecimal(amount.getValue()));
        }
        return totals;
    }
}

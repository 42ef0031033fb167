package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.store.AuditEntry.AuditAction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Numbering, idempotent creation, conditional status changes and the audit trail. */
class BillRunRepositoryTest {

    private static final Instant NOW = Instant.parse("2026-02-01T06:00:00Z");
    private static BillrunStore store;

    @BeforeAll
    static void table() {
        store = LocalTable.create();
    }

    @Test
    void runsAreNumberedPerTenantWithoutGapsAndCreatingTheSameIdTwiceTakesNoNumber() {
        assertEquals("BR-00001", store.billRuns().create(pending("numbers", "r1")).number());
        assertEquals("BR-00001", store.billRuns().create(pending("numbers", "r1")).number());
        assertEquals("BR-00002", store.billRuns().create(pending("numbers", "r2")).number());
        assertEquals("BR-00001", store.billRuns().create(pending("numbers-2", "r1")).number());
    }

    @Test
    void aStatusChangeFromTheWrongStatusIsRefused() {
        store.billRuns().create(pending("status", "r1"));
        store.billRuns().transition("status", "r1", Set.of(BillRunStatus.PENDING), BillRunStatus.PROCESSING,
                RunChange.none().prepared(3, 1200));

        var refused = assertThrows(BillRunConflictException.class, () -> store.billRuns().transition("status", "r1",
                Set.of(BillRunStatus.PENDING), BillRunStatus.PROCESSING, RunChange.none()));
        assertEquals(BillRunStatus.PROCESSING, refused.status());
        BillRun run = store.billRuns().get("status", "r1");
        assertEquals(3, run.batchCount());
        assertEquals(1200, run.counts().accountsSelected());
    }

    @Test
    void completionStoresCountsTotalsPerCurrencyAndTheAuditTrailGrows() {
        store.billRuns().create(pending("audit", "r1"));
        CurrencyTotals totals = CurrencyTotals.NONE.plus("USD", new BigDecimal("145.16")).plus("JPY", new BigDecimal("1200"));
        store.billRuns().transition("audit", "r1", Set.of(BillRunStatus.PENDING), BillRunStatus.COMPLETED,
                RunChange.none().completed(new BillRunCounts(3, 2, 2, 1), totals));
        BillRun canceled = store.billRuns().transition("audit", "r1", Set.of(BillRunStatus.COMPLETED), BillRunStatus.CANCELED,
                RunChange.none().audit(new AuditEntry(AuditAction.CANCELED, "cfo@acme.example", NOW.plusSeconds(60))));

        assertEquals(new BillRunCounts(3, 2, 2, 1), canceled.counts());
        assertEquals(totals, canceled.totals());
        assertEquals(new BigDecimal("145.16"), canceled.totals().byCurrency().get("USD"));
        assertEquals(true, canceled.hasErrors());
        assertEquals(List.of(AuditAction.CREATED, AuditAction.CANCELED),
                canceled.auditTrail().stream().map(AuditEntry::action).toList());
    }

    @Test
    void listingShowsNewestFirst() {
        store.billRuns().create(pending("list", "old"));
        store.billRuns().create(BillRun.pending("list", "new", BillRunOptions.allAccounts(LocalDate.of(2026, 3, 1)),
                "me@acme.example", NOW.plusSeconds(3600)));

        assertEquals(List.of("new", "old"), store.billRuns().list("list", null, 10).items().stream().map(BillRun::id).toList());
        Page<BillRun> first = store.billRuns().list("list", null, 1);
        assertEquals(List.of("old"), store.billRuns().list("list", first.nextCursor(), 1).items().stream().map(BillRun::id).toList());
    }

    @Test
    void theStatusFilterListsOnlyThatStatusNewestFirstAndItsCursorSkipsNoRunAndRepeatsNone() {
        for (int i = 0; i < 25; i++) { // r00..r24, created a minute apart; every third one CANCELED
            String id = "r%02d".formatted(i);
            store.billRuns().create(BillRun.pending("filter", id, BillRunOptions.allAccounts(LocalDate.of(2026, 2, 1)),
                    "me@acme.example", NOW.plusSeconds(60L * i)));
            if (i % 3 == 0) {
                store.billRuns().transition("filter", id, Set.of(BillRunStatus.PENDING), BillRunStatus.CANCELED, RunChange.none());
            }
        }
        List<String> canceled = new ArrayList<>();
        int pages = 0;
        String cursor = null;
        do { // two matches a page: each page reads on past the PENDING runs until it has them
            Page<BillRun> page = store.billRuns().list("filter", BillRunStatus.CANCELED, cursor, 2);
            assertTrue(page.items().size() <= 2, page.items()::toString);
            page.items().forEach(run -> assertEquals(BillRunStatus.CANCELED, run.status()));
            page.items().forEach(run -> canceled.add(run.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 20);
        assertEquals(List.of("r24", "r21", "r18", "r15", "r12", "r09", "r06", "r03", "r00"), canceled);
        assertEquals(16, store.billRuns().list("filter", BillRunStatus.PENDING, null, 50).items().size());
        assertEquals(List.of(), store.billRuns().list("filter", BillRunStatus.POSTED, null, 50).items());
        assertNull(store.billRuns().list("filter", BillRunStatus.POSTED, null, 50).nextCursor(), "the whole list was read");
    }

    @Test
    void aCursorTheListingDidNotGiveOutIsRefusedInTheStoresOwnTerms() {
        store.billRuns().create(pending("cursor", "r1"));
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("PK\nT#cursor#RUN#r1\n".getBytes(StandardCharsets.UTF_8));

        assertThrows(InvalidCursorException.class, () -> store.billRuns().list("cursor", "not base64!", 10));
        assertThrows(InvalidCursorException.class, () -> store.billRuns().list("cursor", "UEsK", 10), "an odd number of lines");
        assertThrows(InvalidCursorException.class, () -> store.billRuns().list("cursor", forged, 10),
                "a key the index query refuses");
    }

    private static BillRun pending(String tenantId, String id) {
        return BillRun.pending(tenantId, id, BillRunOptions.allAccounts(LocalDate.of(2026, 2, 1)), "me@acme.example", NOW)
                .withAudit(new AuditEntry(AuditAction.CREATED, "me@acme.example", NOW));
    }
}

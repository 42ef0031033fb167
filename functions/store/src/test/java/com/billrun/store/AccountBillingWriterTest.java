package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.InvoiceStatus;
import com.billrun.store.AccountBillingWriter.Recorded;
import com.billrun.store.AccountBillingWriter.RolledBack;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The invoice transaction and its rollback against DynamoDB Local: conditions hold, refusals write nothing. */
class AccountBillingWriterTest {

    private static final String TENANT = "acme";
    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    private static BillrunStore store;

    @BeforeAll
    static void table() {
        store = LocalTable.create();
    }

    @Test
    void aSecondWriteOfTheSameRunAndAccountIsRefusedAndChangesNothing() {
        AccountBillingData read = seed("a1", "49.90");
        Recorded first = record("run-1", read, JAN_1);
        Recorded second = record("run-1", read, JAN_1);

        assertEquals(Recorded.WRITTEN, first);
        assertEquals(Recorded.ALREADY_RECORDED, second);
        StoredInvoice invoice = store.invoices().get(TENANT, InvoiceIds.of("run-1", "a1"));
        assertEquals(new BigDecimal("49.90"), invoice.invoice().total());
        assertEquals(1, store.invoices().ofRun(TENANT, "run-1", null, 10).items().size());
        StoredSubscription after = store.subscriptions().find(TENANT, "a1", "s-a1").orElseThrow();
        assertEquals(2, after.version(), "only the first write moved the subscription");
        assertEquals(LocalDate.of(2026, 2, 1), after.subscription().charges().getFirst().chargedThroughDate());
    }

    @Test
    void aWriteBasedOnAStaleSubscriptionVersionIsRefusedAndWritesNothing() {
        AccountBillingData read = seed("a2", "10.00");
        assertEquals(Recorded.WRITTEN, record("run-A", read, JAN_1));

        Recorded concurrent = record("run-B", read, JAN_1);

        assertEquals(Recorded.STALE, concurrent);
        assertTrue(store.invoices().find(TENANT, InvoiceIds.of("run-B", "a2")).isEmpty());
        assertTrue(store.runAccounts().find(TENANT, "run-B", "a2").isEmpty());
    }

    @Test
    void anAccountSkippedByACancelCanNoLongerBeBilledByThatRun() {
        AccountBillingData read = seed("a5", "10.00");
        Fixtures.processingRun(store, TENANT, "run-canceled");

        assertTrue(store.billingWriter().skip(TENANT, "run-canceled", "a5"));
        Recorded straggler = record("run-canceled", read, JAN_1);

        assertEquals(Recorded.ALREADY_RECORDED, straggler);
        assertTrue(store.invoices().find(TENANT, InvoiceIds.of("run-canceled", "a5")).isEmpty());
        assertEquals(1, store.subscriptions().find(TENANT, "a5", "s-a5").orElseThrow().version());
        assertFalse(store.billingWriter().skip(TENANT, "run-canceled", "a5"), "skipped once");
    }

    @Test
    void rollbackCancelsTheDraftAndPutsTheChargedThroughDatesBack() {
        AccountBillingData read = seed("a3", "25.00");
        record("run-C", read, JAN_1);
        RunAccount outcome = store.runAccounts().find(TENANT, "run-C", "a3").orElseThrow();

        assertEquals(RolledBack.DONE, store.billingWriter().rollback(TENANT, "run-C", outcome));
        assertEquals(RolledBack.ALREADY_DONE, store.billingWriter().rollback(TENANT, "run-C",
                store.runAccounts().find(TENANT, "run-C", "a3").orElseThrow()));

        assertEquals(InvoiceStatus.CANCELED, store.invoices().get(TENANT, InvoiceIds.of("run-C", "a3")).invoice().status());
        StoredSubscription after = store.subscriptions().find(TENANT, "a3", "s-a3").orElseThrow();
        assertNull(after.subscription().charges().getFirst().chargedThroughDate(), "never billed again");
        assertFalse(store.invoices().anyOfRun(TENANT, "run-C", InvoiceStatus.DRAFT));
    }

    @Test
    void rollbackIsRefusedWhenALaterRunAlreadyBilledPastIt() {
        AccountBillingData read = seed("a4", "25.00");
        record("run-D", read, JAN_1);
        AccountBillingData afterJanuary = store.accounts().billingData(TENANT, "a4").orElseThrow();
        assertEquals(Recorded.WRITTEN, record("run-E", afterJanuary, LocalDate.of(2026, 2, 1)));

        RunAccount january = store.runAccounts().find(TENANT, "run-D", "a4").orElseThrow();

        assertEquals(RolledBack.MOVED_ON, store.billingWriter().rollback(TENANT, "run-D", january));
        assertEquals(InvoiceStatus.DRAFT, store.invoices().get(TENANT, InvoiceIds.of("run-D", "a4")).invoice().status());
    }

    @Test
    void accountsRecordedTogetherAreWrittenInTransactionsOfAtMostAHundredActions() {
        // 60 accounts × 2 writes (the draft carrying its outcome, the subscription) = 120 actions: two transactions.
        Fixtures.processingRun(store, TENANT, "run-T");
        List<AccountBillingWriter.AccountRecord> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            records.add(prepared("run-T", seed("t" + i, (10 + i) + ".00"), JAN_1));
        }

        List<AccountBillingWriter.AccountRecord> notWritten = store.billingWriter().recordTogether(TENANT, "run-T", records);

        assertEquals(List.of(), notWritten);
        for (int i = 0; i < 60; i++) {
            assertEquals(new BigDecimal((10 + i) + ".00"),
                    store.invoices().get(TENANT, InvoiceIds.of("run-T", "t" + i)).invoice().total());
            assertEquals(AccountOutcome.INVOICED, store.runAccounts().find(TENANT, "run-T", "t" + i).orElseThrow().outcome());
            assertEquals(2, store.subscriptions().find(TENANT, "t" + i, "s-t" + i).orElseThrow().version());
        }
    }

    @Test
    void aRefusedGroupWritesNothingOfAnyOfItsAccountsAndHandsThemBackWhileOtherGroupsAreWritten() {
        // 50 accounts × 2 + the post group = 101 actions: the first 49 accounts in one transaction, the 50th in a second.
        Fixtures.processingRun(store, TENANT, "run-G");
        List<AccountBillingWriter.AccountRecord> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(prepared("run-G", seed("g" + i, "20.00"), JAN_1));
        }
        // Another run bills g5 first: the version g5 was read at is stale, so the first group is refused as a whole.
        assertEquals(Recorded.WRITTEN, record("run-other", store.accounts().billingData(TENANT, "g5").orElseThrow(), JAN_1));

        List<AccountBillingWriter.AccountRecord> notWritten = store.billingWriter().recordTogether(TENANT, "run-G", records);

        assertEquals(records.subList(0, 49), notWritten);
        for (int i = 0; i < 49; i++) {
            assertTrue(store.invoices().find(TENANT, InvoiceIds.of("run-G", "g" + i)).isEmpty(), "g" + i);
            assertTrue(store.runAccounts().find(TENANT, "run-G", "g" + i).isEmpty(), "g" + i);
            assertEquals(i == 5 ? 2 : 1, store.subscriptions().find(TENANT, "g" + i, "s-g" + i).orElseThrow().version());
        }
        assertEquals(new BigDecimal("20.00"), store.invoices().get(TENANT, InvoiceIds.of("run-G", "g49")).invoice().total());
    }

        @Test
    void aGroupDynamoDbRefusesOutrightIsHandedBackWhole() {
        // The same account twice in one transaction: DynamoDB refuses the request itself (one item, two writes),
        // not a condition; nothing of the group is written and both records come back to be recorded alone.
        Fixtures.processingRun(store, TENANT, "run-V");
        var twice = prepared("run-V", seed("v1", "30.00"), JAN_1);
        var other = prepared("run-V", seed("v2", "31.00"), JAN_1);

        List<AccountBillingWriter.AccountRecord> notWritten = store.billingWriter()
                .recordTogether(TENANT, "run-V", List.of(twice, other, twice));

        assertEquals(List.of(twice, other, twice), notWritten);
        assertTrue(store.invoices().find(TENANT, InvoiceIds.of("run-V", "v2")).isEmpty());
        assertEquals(1, store.subscriptions().find(TENANT, "v2", "s-v2").orElseThrow().version());
    }

    private AccountBillingData seed(String accountId, String price) {
        return Fixtures.billable(store, TENANT, accountId, price, JAN_1);
    }

    private Recorded record(String billRunId, AccountBillingData read, LocalDate targetDate) {
        if (store.billRuns().find(TENANT, billRunId).isEmpty()) {
            Fixtures.processingRun(store, TENANT, billRunId);
        }
        var record = prepared(billRunId, read, targetDate);
        return store.billingWriter().record(TENANT, billRunId, record.outcome(), record.invoice(), read, List.of());
    }

    private static AccountBillingWriter.AccountRecord prepared(String billRunId, AccountBillingData read, LocalDate targetDate) {
        return Fixtures.billed(TENANT, billRunId, read, targetDate);
    }
}

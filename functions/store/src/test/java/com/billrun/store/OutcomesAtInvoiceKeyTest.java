package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.ChargedThroughDate;
import com.billrun.core.InvoiceStatus;
import com.billrun.store.AccountBillingWriter.AccountRecord;
import com.billrun.store.AccountBillingWriter.Recorded;
import com.billrun.store.AccountBillingWriter.RolledBack;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run keeps each account's outcome at the key of its invoice in the run (DATA-MODEL.md "Outcomes at the invoice's
 * key"): an invoiced account's draft carries it, any other outcome sits there alone and is no invoice; the accounts
 * tab lists the outcomes without an invoice first, then the invoiced accounts in run order; a grouped run created
 * before keeps its outcome items.
 */
class OutcomesAtInvoiceKeyTest {

    private static final String TENANT = "at-invoice";
    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    private static BillrunStore store;

    @BeforeAll
    static void table() {
        store = LocalTable.create();
    }

    @Test
    void aDraftCarriesItsAccountsOutcomeAndNoOutcomeItemIsWritten() {
        Fixtures.processingRun(store, TENANT, "run-d");
        AccountRecord record = invoiced("run-d", seed("d1", "42.50"));

        assertEquals(Recorded.WRITTEN, write("run-d", record));

        ItemReader draft = store.table().get(Keys.invoice(TENANT, InvoiceIds.of("run-d", "d1"))).orElseThrow();
        assertEquals(List.of("s-d1#c-s-d1#-#2026-02-01"), draft.strings(RunAccountMapper.MOVED));
        assertTrue(store.table().get(Keys.runAccount(TENANT, "run-d", Keys.RUN_SHARDS, "d1")).isEmpty(), "no outcome item");
        RunAccount outcome = store.runAccounts().find(TENANT, "run-d", "d1").orElseThrow();
        assertEquals(record.outcome(), outcome);
        assertEquals(Map.of("d1", record.outcome()), store.runAccounts().findAll(TENANT, "run-d", List.of("d1", "nobody")));
        assertEquals(new BigDecimal("42.50"), store.invoices().get(TENANT, outcome.invoiceId()).invoice().total());
        assertEquals(Recorded.ALREADY_RECORDED, write("run-d", record), "a redelivery");
    }

    @Test
    void aDraftWhoseIdIsNotItsRunsAndAccountsIsRefusedAndNothingIsWritten() {
        Fixtures.processingRun(store, TENANT, "run-x");
        AccountRecord elsewhere = invoiced("run-other-x", seed("x1", "10.00")); // its id derives from another run

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> write("run-x", elsewhere));

        assertTrue(refused.getMessage().contains(elsewhere.invoice().id()), refused.getMessage());
        assertTrue(store.runAccounts().find(TENANT, "run-x", "x1").isEmpty());
        assertTrue(store.invoices().find(TENANT, elsewhere.invoice().id()).isEmpty());
        assertNull(chargedThrough("x1"), "no subscription moved");
    }

    @Test
    void anOutcomeWithoutAnInvoiceSitsAtTheInvoicesKeyIsNoInvoiceAndRollsBack() {
        Fixtures.processingRun(store, TENANT, "run-n");
        AccountBillingData read = seed("n1", "10.00");
        ChargedThroughDate move = new ChargedThroughDate("s-n1", "c-s-n1", null, LocalDate.of(2026, 2, 1));
        RunAccount nothing = RunAccount.nothingToBill("n1", 1, List.of(move));

        assertEquals(Recorded.WRITTEN, store.billingWriter().record(TENANT, "run-n", nothing, null, read, List.of()));

        assertEquals(nothing, store.runAccounts().find(TENANT, "run-n", "n1").orElseThrow());
        assertTrue(store.invoices().find(TENANT, InvoiceIds.of("run-n", "n1")).isEmpty(), "an outcome is not an invoice");
        assertEquals(List.of(), store.invoices().ofAccount(TENANT, "n1", null, 10).items());
        assertEquals(List.of(nothing), store.runAccounts().accounts(TENANT, "run-n", null, 10).items());
        assertEquals(LocalDate.of(2026, 2, 1), chargedThrough("n1"));

        assertEquals(RolledBack.DONE, store.billingWriter().rollback(TENANT, "run-n", nothing));
        RunAccount after = store.runAccounts().find(TENANT, "run-n", "n1").orElseThrow();
        assertTrue(after.rolledBack());
        assertEquals(List.of(move), after.moves(), "it keeps its moves");
        assertNull(chargedThrough("n1"));
        assertEquals(RolledBack.ALREADY_DONE, store.billingWriter().rollback(TENANT, "run-n", nothing));
    }

    @Test
    void aSkippedAccountsRecordRefusesAStragglersDraftAndABilledAccountCannotBeSkipped() {
        Fixtures.processingRun(store, TENANT, "run-k");
        AccountRecord late = invoiced("run-k", seed("k1", "10.00"));
        AccountRecord billed = invoiced("run-k", seed("k2", "11.00"));
        assertEquals(Recorded.WRITTEN, write("run-k", billed));

        assertTrue(store.billingWriter().skip(TENANT, "run-k", "k1"));
        assertFalse(store.billingWriter().skip(TENANT, "run-k", "k2"), "billed: roll it back instead");

        assertEquals(Recorded.ALREADY_RECORDED, write("run-k", late));
        assertEquals(AccountOutcome.SKIPPED, store.runAccounts().find(TENANT, "run-k", "k1").orElseThrow().outcome());
        assertTrue(store.invoices().find(TENANT, InvoiceIds.of("run-k", "k1")).isEmpty());
        assertNull(chargedThrough("k1"), "the straggler moved nothing");
        assertEquals(AccountOutcome.INVOICED, store.runAccounts().find(TENANT, "run-k", "k2").orElseThrow().outcome());

        RunAccount outcome = store.runAccounts().find(TENANT, "run-k", "k2").orElseThrow();
        assertEquals(RolledBack.DONE, store.billingWriter().rollback(TENANT, "run-k", outcome));
        assertEquals(InvoiceStatus.CANCELED, store.invoices().get(TENANT, outcome.invoiceId()).invoice().status());
        assertTrue(store.runAccounts().find(TENANT, "run-k", "k2").orElseThrow().rolledBack());
        assertEquals(RolledBack.ALREADY_DONE, store.billingWriter().rollback(TENANT, "run-k", outcome));
    }

    @Test
    void theAccountsTabListsTheOutcomesWithoutAnInvoiceFirstThenTheInvoicedInRunOrderPageAfterPage() {
        Fixtures.processingRun(store, TENANT, "run-t");
        List<AccountRecord> records = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            records.add(invoiced("run-t", seed("t" + i, (20 + i) + ".00")));
        }
        assertEquals(List.of(), store.billingWriter().recordTogether(TENANT, "run-t", records.subList(0, 5)));
        assertEquals(List.of(), store.billingWriter().recordTogether(TENANT, "run-t", records.subList(5, 9)));
        for (String failed : List.of("t-f2", "t-f1", "t-f3")) {
            assertEquals(Recorded.WRITTEN, store.billingWriter().record(TENANT, "run-t", RunAccount.failed(failed), null,
                    null, List.of(new BillingFailure(failed, null, "account", "not found"))));
        }
        List<String> runOrder = store.invoices().ofRun(TENANT, "run-t", null, 100).items().stream()
                .map(invoice -> invoice.invoice().accountId()).toList();

        for (int limit : new int[] {1, 2, 3, 4, 12, 13}) {
            List<String> listed = new ArrayList<>();
            String cursor = null;
            do {
                Page<RunAccount> page = store.runAccounts().accounts(TENANT, "run-t", cursor, limit);
                page.items().forEach(account -> listed.add(account.accountId()));
                cursor = page.nextCursor();
                if (cursor != null) {
                    assertEquals(limit, page.items().size(), "a page with a cursor is full");
                }
            } while (cursor != null);
            List<String> expected = new ArrayList<>(List.of("t-f1", "t-f2", "t-f3"));
            expected.addAll(runOrder);
            assertEquals(expected, listed, "pages of " + limit);
        }
        assertEquals(12, store.runAccounts().findAll(TENANT, "run-t",
                List.of("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t-f1", "t-f2", "t-f3")).size());
    }

    @Test
    void aGroupedRunCreatedBeforeKeepsItsOutcomeItems() {
        Fixtures.processingRun(store, TENANT, "run-e");
        store.table().update(u -> u.key(Keys.billRun(TENANT, "run-e").toAttributes())
                .updateExpression("REMOVE " + RunLayouts.OUTCOMES_AT_INVOICE));
        AccountRecord record = invoiced("run-e", seed("e1", "30.00"));

        assertEquals(Recorded.WRITTEN, write("run-e", record));
        assertEquals(Recorded.ALREADY_RECORDED, write("run-e", record));

        assertTrue(store.table().get(Keys.runAccount(TENANT, "run-e", Keys.RUN_SHARDS, "e1")).isPresent(), "its outcome item");
        ItemReader draft = store.table().get(Keys.invoice(TENANT, InvoiceIds.of("run-e", "e1"))).orElseThrow();
        assertFalse(draft.has(RunAccountMapper.MOVED));
        assertEquals(List.of(record.outcome()), store.runAccounts().accounts(TENANT, "run-e", null, 10).items());
        RunAccount outcome = store.runAccounts().find(TENANT, "run-e", "e1").orElseThrow();
        assertEquals(record.outcome(), outcome);
        assertEquals(RolledBack.DONE, store.billingWriter().rollback(TENANT, "run-e", outcome));
        assertTrue(store.runAccounts().find(TENANT, "run-e", "e1").orElseThrow().rolledBack());
        assertEquals(InvoiceStatus.CANCELED, store.invoices().get(TENANT, outcome.invoiceId()).invoice().status());
        assertNull(chargedThrough("e1"));
    }

    private static Recorded write(String billRunId, AccountRecord record) {
        return store.billingWriter().record(TENANT, billRunId, record.outcome(), record.invoice(), record.read(),
                record.failures());
    }

    private static LocalDate chargedThrough(String accountId) {
        return store.subscriptions().find(TENANT, accountId, "s-" + accountId).orElseThrow().subscription().charges()
                .getFirst().chargedThroughDate();
    }

    private static AccountBillingData seed(String accountId, String price) {
        return Fixtures.billable(store, TENANT, accountId, price, JAN_1);
    }

    private static AccountRecord invoiced(String billRunId, AccountBillingData read) {
        return Fixtures.billed(TENANT, billRunId, read, JAN_1);
    }
}

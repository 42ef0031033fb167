package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.BillingRequest;
import com.billrun.core.InvoiceGenerator;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tenant B's keys never reach tenant A's items, whatever the access pattern. */
class TenantIsolationTest {

    private static final String A = "tenant-a";
    private static final String B = "tenant-b";
    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    private static BillrunStore store;

    @BeforeAll
    static void tenantAHasEverything() {
        store = LocalTable.create();
        store.accounts().create(A, Fixtures.account("acc", "USD", 1, "Batch1"));
        store.subscriptions().create(A, "acc", Fixtures.monthly("sub", "10.00", JAN_1));
        Fixtures.processingRun(store, A, "run");
        AccountBillingData read = store.accounts().billingData(A, "acc").orElseThrow();
        var result = InvoiceGenerator.generate(BillingRequest.of(InvoiceIds.of("run", "acc"), read.account().billing(),
                read.engineSubscriptions(), List.of(), JAN_1));
        var invoice = result.invoice().orElseThrow();
        store.billingWriter().record(A, "run", RunAccount.invoiced("acc", invoice.id(), "USD",
                invoice.total(), 0, result.chargedThroughDates()), StoredInvoice.draft(A, "run", invoice), read, List.of());
    }

    @Test
    void tenantBFindsNoneOfTenantAsItemsBySameIds() {
        assertTrue(store.accounts().find(B, "acc").isEmpty());
        assertTrue(store.accounts().billingData(B, "acc").isEmpty());
        assertTrue(store.subscriptions().find(B, "sub").isEmpty());
        assertTrue(store.billRuns().find(B, "run").isEmpty());
        assertTrue(store.invoices().find(B, InvoiceIds.of("run", "acc")).isEmpty());
        assertTrue(store.runAccounts().find(B, "run", "acc").isEmpty());
    }

    @Test
    void tenantBsListingsAndSelectionsAreEmpty() {
        assertEquals(List.of(), store.accounts().billableIds(B));
        assertEquals(List.of(), store.accounts().billableIdsInBatch(B, "Batch1"));
        assertEquals(List.of(), store.accounts().billableIdsWithBillCycleDay(B, 1));
        assertEquals(List.of(), store.billRuns().list(B, null, 10).items());
        assertEquals(List.of(), store.invoices().ofRun(B, "run", null, 10).items());
        assertEquals(List.of(), store.invoices().ofAccount(B, "acc", null, 10).items());
        assertEquals(List.of(), store.runAccounts().accounts(B, "run", null, 10).items());
    }

    @Test
    void tenantAStillSeesItsOwn() {
        assertEquals(1, store.invoices().ofAccount(A, "acc", null, 10).items().size());
        assertEquals(1, store.billRuns().list(A, null, 10).items().size());
    }

    @Test
    void anIdCannotSmuggleAKeySeparator() {
        assertThrows(IllegalArgumentException.class, () -> store.accounts().find(B, "x#A#acc"));
        assertThrows(IllegalArgumentException.class, () -> store.accounts().find("tenant-b#A#acc", "acc"));
    }
}

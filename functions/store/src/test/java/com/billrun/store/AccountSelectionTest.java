package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The run selection's queries: all, by batch, by bill cycle day, by ids; billable accounts only. */
class AccountSelectionTest {

    private static final String TENANT = "globex";
    private static BillrunStore store;

    @BeforeAll
    static void accounts() {
        store = LocalTable.create();
        store.accounts().create(TENANT, Fixtures.account("a1", "USD", 1, "Batch1"));
        store.accounts().create(TENANT, Fixtures.account("a2", "EUR", 15, "Batch1"));
        store.accounts().create(TENANT, Fixtures.account("a3", "USD", 15, "Batch10"));
        store.accounts().create(TENANT, Fixtures.account("a4", "JPY", 1, "Batch2"));
        store.accounts().create(TENANT, Fixtures.closed(Fixtures.account("a5", "USD", 1, "Batch1")));
        store.accounts().create("other-tenant", Fixtures.account("b1", "USD", 1, "Batch1"));
    }

    @Test
    void allSelectsEveryBillableAccountOfTheTenant() {
        assertEquals(List.of("a1", "a2", "a3", "a4"), sorted(store.accounts().billableIds(TENANT)));
    }

    @Test
    void aBatchSelectsOnlyItsAccountsAndNotThoseOfABatchWithTheSamePrefix() {
        assertEquals(List.of("a1", "a2"), sorted(store.accounts().billableIdsInBatch(TENANT, "Batch1")));
        assertEquals(List.of("a3"), store.accounts().billableIdsInBatch(TENANT, "Batch10"));
    }

    @Test
    void aBillCycleDaySelectsItsAccounts() {
        assertEquals(List.of("a1", "a4"), sorted(store.accounts().billableIdsWithBillCycleDay(TENANT, 1)));
        assertEquals(List.of("a2", "a3"), sorted(store.accounts().billableIdsWithBillCycleDay(TENANT, 15)));
        assertEquals(List.of(), store.accounts().billableIdsWithBillCycleDay(TENANT, 28));
    }

    @Test
    void explicitIdsFindOnlyTheTenantsOwnAccounts() {
        List<String> found = store.accounts().findAll(TENANT, List.of("a2", "b1", "missing")).stream()
                .map(CustomerAccount::id).toList();
        assertEquals(List.of("a2"), found);
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().toList();
    }
}

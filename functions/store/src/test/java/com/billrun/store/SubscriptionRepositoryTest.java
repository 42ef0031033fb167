package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ending a subscription is conditioned on the version read, and a refusal is an answer, not a DynamoDB error. */
class SubscriptionRepositoryTest {

    private static final String TENANT = "subs";
    private static BillrunStore store;

    @BeforeAll
    static void table() {
        store = LocalTable.create();
        store.accounts().create(TENANT, Fixtures.account("acc", "USD", 1, "Batch1"));
        store.subscriptions().create(TENANT, "acc", Fixtures.monthly("sub", "10.00", LocalDate.of(2026, 1, 1)));
    }

    @Test
    void endingFromAStaleReadIsRefusedAndWritesNothing() {
        StoredSubscription read = store.subscriptions().find(TENANT, "sub").orElseThrow();

        assertTrue(store.subscriptions().endOn(TENANT, read, LocalDate.of(2026, 6, 1)));
        assertFalse(store.subscriptions().endOn(TENANT, read, LocalDate.of(2026, 3, 1)), "the version moved on");

        StoredSubscription now = store.subscriptions().find(TENANT, "sub").orElseThrow();
        assertEquals(LocalDate.of(2026, 6, 1), now.subscription().endDate());
        assertEquals(read.version() + 1, now.version());
    }
}

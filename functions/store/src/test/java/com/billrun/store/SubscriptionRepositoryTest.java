package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.Charge;
import com.billrun.core.Subscription;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ending a subscription and repricing a charge are conditioned on the version read (a repricing also on the charge
 * never having been billed), and a refusal is an answer, not a DynamoDB error.
 */
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

    @Test
    void repricingIsRefusedFromAStaleReadAndOnceTheChargeIsBilledAndRecordsItsAmendment() {
        store.subscriptions().create(TENANT, "acc", Fixtures.monthly("fresh", "10.00", LocalDate.of(2026, 1, 1)));
        StoredSubscription read = store.subscriptions().find(TENANT, "fresh").orElseThrow();
        Charge charge = read.subscription().charges().get(0);
        Charge repriced = new Charge(charge.id(), charge.name(), charge.type(), charge.model(), new BigDecimal("12.50"),
                List.of(), charge.quantity(), charge.billingPeriod(), charge.billingTiming(), null, null, true, null);
        ChargeAmendment amendment = new ChargeAmendment("fresh", charge.id(), "Plan", Instant.parse("2026-12-05T10:00:00Z"),
                "ops@acme.example", 2);

        assertTrue(store.subscriptions().amendCharge(TENANT, read, 0, repriced, amendment));
        assertFalse(store.subscriptions().amendCharge(TENANT, read, 0, repriced, amendment), "the version moved on");
        StoredSubscription now = store.subscriptions().find(TENANT, "fresh").orElseThrow();
        assertEquals(new BigDecimal("12.50"), now.subscription().charges().get(0).price());
        assertEquals(read.version() + 1, now.version());
        assertEquals(List.of(amendment), store.subscriptions().amendmentsOfAccount(TENANT, "acc"));

        Subscription billed = Fixtures.monthly("billed", "10.00", LocalDate.of(2026, 1, 1));
        billed = new Subscription("billed", billed.startDate(), null,
                List.of(billed.charges().get(0).chargedThrough(LocalDate.of(2026, 2, 1))));
        store.subscriptions().create(TENANT, "acc", billed);
        StoredSubscription billedRead = store.subscriptions().find(TENANT, "billed").orElseThrow();
        Charge billedCharge = billedRead.subscription().charges().get(0);
        Charge billedRepriced = new Charge(billedCharge.id(), "Plan", billedCharge.type(), billedCharge.model(),
                new BigDecimal("12.50"), List.of(), null, billedCharge.billingPeriod(), billedCharge.billingTiming(),
                null, null, true, null);
        assertFalse(store.subscriptions().amendCharge(TENANT, billedRead, 0, billedRepriced, amendment),
                "a billed charge is never repriced, even at the version read");
        assertEquals(billedRead, store.subscriptions().find(TENANT, "billed").orElseThrow());
    }
}

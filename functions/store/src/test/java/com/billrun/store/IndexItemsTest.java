package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.UsageRecord;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DATA-MODEL.md "Index keys on items of their own": an account's index keys live on its {@code LISTING} item and a
 * subscription's on its {@code SUBREF#} item, written with them, so the items that billing and posting update carry
 * none; accounts and subscriptions of the earlier layout (keys on the items themselves) are still listed, selected
 * and found; the readers of an account's collection ignore both new kinds of item.
 */
class IndexItemsTest {

    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    private static BillrunStore store;

    @BeforeAll
    static void table() {
        store = LocalTable.create();
    }

    @Test
    void anAccountsIndexKeysAreOnItsListingAndTheAccountItemHasNone() {
        store.accounts().create("listing", Fixtures.account("a1", "USD", 15, "Batch7"));

        ItemReader account = raw(Keys.account("listing", "a1"));
        ItemReader listing = raw(Keys.accountListing("listing", "a1"));

        assertFalse(account.has(Keys.GSI1PK) || account.has(Keys.GSI1SK) || account.has(Keys.GSI2PK) || account.has(Keys.GSI2SK),
                "a balance write to the account rewrites no index entry");
        assertEquals(new TreeSet<>(Set.of("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "accountId", "status")),
                new TreeSet<>(listing.attributes().keySet()), "the keys, and what selection reads: id and status");
        assertEquals("T#listing#ACCOUNTS", listing.string(Keys.GSI1PK));
        assertEquals("B#Batch7#A#a1", listing.string(Keys.GSI1SK));
        assertEquals("T#listing#BCD#15", listing.string(Keys.GSI2PK));
        assertEquals("A#a1", listing.string(Keys.GSI2SK));
        assertEquals("ACTIVE", listing.string("status"));
        assertEquals(List.of("a1"), store.accounts().billableIdsInBatch("listing", "Batch7"));
        assertEquals(List.of("a1"), store.accounts().billableIdsWithBillCycleDay("listing", 15));
    }

    @Test
    void aSubscriptionsIndexKeyIsOnItsReferenceAndTheSubscriptionItemHasNone() {
        store.accounts().create("reference", Fixtures.account("a1", "USD", 1, "Batch1"));
        store.subscriptions().create("reference", "a1", Fixtures.monthly("s1", "10.00", JAN_1));

        ItemReader subscription = raw(Keys.subscription("reference", "a1", "s1"));
        ItemReader reference = raw(Keys.subscriptionReference("reference", "a1", "s1"));

        assertFalse(subscription.has(Keys.GSI1PK) || subscription.has(Keys.GSI1SK),
                "a run's charged-through update rewrites no index entry");
        assertEquals(new TreeSet<>(Set.of("PK", "SK", "GSI1PK", "GSI1SK", "accountId", "subscriptionId")),
                new TreeSet<>(reference.attributes().keySet()));
        assertEquals("T#reference#SUB#s1", reference.string(Keys.GSI1PK));
        assertEquals("SUBREF#s1", reference.string(Keys.SK));
        StoredSubscription found = store.subscriptions().find("reference", "s1").orElseThrow();
        assertEquals("a1", found.accountId());
        assertEquals(Fixtures.monthly("s1", "10.00", JAN_1), found.subscription());
        assertTrue(store.subscriptions().find("reference", "missing").isEmpty());
    }

    @Test
    void creatingAnAccountOrASubscriptionTwiceWritesNothingTheSecondTime() {
        CustomerAccount first = Fixtures.account("a1", "USD", 1, "Batch1");
        assertTrue(store.accounts().create("twice", first));
        assertTrue(store.subscriptions().create("twice", "a1", Fixtures.monthly("s1", "10.00", JAN_1)));
        List<Map<String, AttributeValue>> before = collection("twice", "a1");

        assertFalse(store.accounts().create("twice", Fixtures.account("a1", "EUR", 28, "Batch9")));
        assertFalse(store.subscriptions().create("twice", "a1", Fixtures.monthly("s1", "99.00", JAN_1)));

        assertEquals(before, collection("twice", "a1"), "neither the items nor their listing or reference changed");
        assertEquals(List.of(), store.accounts().billableIdsInBatch("twice", "Batch9"));
    }

    @Test
    void accountsOfTheEarlierLayoutAreListedAndSelectedBesideNewOnes() {
        String tenant = "mixed";
        store.accounts().create(tenant, Fixtures.account("a1", "USD", 1, "Batch1"));
        store.accounts().create(tenant, Fixtures.account("a2", "USD", 15, "Batch2"));
        EarlierLayout.account(store, tenant, AccountBuilder.account("o1").billCycleDay(1).batch("Batch1").balance("12.34").build());
        EarlierLayout.account(store, tenant, AccountBuilder.account("o2").billCycleDay(15).batch("Batch2").closed().build());
        EarlierLayout.account(store, tenant, AccountBuilder.account("o3").billCycleDay(15).batch("Batch2").build());

        assertEquals(List.of("a1", "o1", "a2", "o3"), store.accounts().billableIds(tenant), "batch then id order, o2 closed");
        assertEquals(List.of("a1", "o1"), store.accounts().billableIdsInBatch(tenant, "Batch1"));
        assertEquals(List.of("a2", "o3"), store.accounts().billableIdsWithBillCycleDay(tenant, 15));
        assertEquals(List.of("a1", "o1"), store.accounts().billableIdsWithBillCycleDay(tenant, 1));

        List<CustomerAccount> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<CustomerAccount> page = store.accounts().list(tenant, cursor, 2);
            listed.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(List.of("a1", "o1", "a2", "o2", "o3"), listed.stream().map(CustomerAccount::id).toList());
        assertTrue(pages >= 3);
        assertEquals(new BigDecimal("12.34"), listed.get(1).balance(), "the account read, not its index entry");
        assertEquals("Customer o2", listed.get(3).name());
    }

    @Test
    void theAccountListReadsTheAccountsThemselvesAndLeavesOutAListingWhoseAccountIsGone() {
        store.accounts().create("gone", Fixtures.account("a1", "USD", 1, "Batch1"));
        store.accounts().create("gone", Fixtures.account("a2", "USD", 1, "Batch1"));
        store.table().put(AccountMapper.toItem("gone", AccountBuilder.from(Fixtures.account("a1", "USD", 1, "Batch1"))
                .balance("45.60").build())); // as posting leaves it: the account item alone changed
        store.table().delete(Keys.account("gone", "a2"), "accountId = :id", Map.of(":id", AttributeValue.fromS("a2")));

        List<CustomerAccount> listed = store.accounts().list("gone", null, 10).items();

        assertEquals(List.of("a1"), listed.stream().map(CustomerAccount::id).toList());
        assertEquals(new BigDecimal("45.60"), listed.getFirst().balance());
    }

    @Test
    void aSubscriptionOfTheEarlierLayoutIsStillFoundByIdAndBilled() {
        store.accounts().create("old-sub", Fixtures.account("a1", "USD", 1, "Batch1"));
        EarlierLayout.subscription(store, "old-sub", "a1", Fixtures.monthly("s-old", "10.00", JAN_1));
        store.subscriptions().create("old-sub", "a1", Fixtures.monthly("s-new", "20.00", JAN_1));

        assertEquals("a1", store.subscriptions().find("old-sub", "s-old").orElseThrow().accountId());
        assertEquals("a1", store.subscriptions().find("old-sub", "s-new").orElseThrow().accountId());
        assertEquals(List.of("s-new", "s-old"), store.accounts().billingData("old-sub", "a1").orElseThrow().subscriptions()
                .stream().map(StoredSubscription::id).sorted().toList());
        assertTrue(store.subscriptions().endOn("old-sub", store.subscriptions().find("old-sub", "s-old").orElseThrow(),
                LocalDate.of(2026, 6, 1)));
        assertEquals(LocalDate.of(2026, 6, 1), store.subscriptions().find("old-sub", "s-old").orElseThrow().subscription().endDate());
    }

    @Test
    void theReadersOfAnAccountsCollectionIgnoreItsListingAndReferences() {
        store.accounts().create("readers", Fixtures.account("a1", "USD", 1, "Batch1"));
        store.subscriptions().create("readers", "a1", Fixtures.monthly("s1", "10.00", JAN_1));
        store.subscriptions().create("readers", "a1", Fixtures.monthly("s2", "20.00", JAN_1));
        UsageRecord usage = new UsageRecord("s1", "c-s1", LocalDate.of(2026, 1, 5), BigDecimal.ONE);
        store.usage().record("readers", "a1", "u1", usage);
        assertEquals(7, collection("readers", "a1").size(), "account, listing, 2 subscriptions, 2 references, usage");

        AccountBillingData billing = store.accounts().billingData("readers", "a1").orElseThrow();

        assertEquals("a1", billing.account().id());
        assertEquals(List.of("s1", "s2"), billing.subscriptions().stream().map(StoredSubscription::id).toList());
        assertEquals(List.of(usage), billing.usage());
        assertEquals(List.of("s1", "s2"), store.subscriptions().ofAccount("readers", "a1", null, 10).items().stream()
                .map(StoredSubscription::id).toList());
        assertEquals(List.of(), store.subscriptions().amendmentsOfAccount("readers", "a1"));
        assertEquals(List.of(), new PaymentRepository(store.table()).ofAccount("readers", "a1", null, 10).items());
    }

    @Test
    void aBulkLoadWritesEachAccountsListingAndEachSubscriptionsReference() {
        new BulkLoad(store.table()).load("bulk", List.of(new BulkLoad.NewAccount(Fixtures.account("a1", "USD", 1, "Batch3"),
                List.of(Fixtures.monthly("s1", "10.00", JAN_1)))));

        assertFalse(raw(Keys.account("bulk", "a1")).has(Keys.GSI1PK));
        assertFalse(raw(Keys.subscription("bulk", "a1", "s1")).has(Keys.GSI1PK));
        assertEquals(List.of("a1"), store.accounts().billableIdsInBatch("bulk", "Batch3"));
        assertEquals("a1", store.subscriptions().find("bulk", "s1").orElseThrow().accountId());
        assertNull(raw(Keys.accountListing("bulk", "a1")).string("balance"));
    }

    private static ItemReader raw(com.billrun.store.dynamodb.ItemKey key) {
        return store.table().get(key).orElseThrow(() -> new AssertionError("no item " + key));
    }

    private static List<Map<String, AttributeValue>> collection(String tenantId, String accountId) {
        return store.table().partition(Keys.accountPartition(tenantId, accountId), "").stream().map(ItemReader::attributes).toList();
    }
}

package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.InvoiceStatus;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.ShardedQuery;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A run's invoice index key and its outcomes' partition spread over {@link Keys#RUN_SHARDS} keys (DATA-MODEL.md
 * "Sharded run keys"), listed and paged merged in exactly the order one key gave; and a run created before sharding
 * (no {@code shards} on its item) read and written with its old keys.
 */
class ShardedRunKeysTest {

    private static final String TENANT = "shards";
    private static final int ACCOUNTS = 300;
    private static final LocalDate DECEMBER_1 = LocalDate.of(2026, 12, 1);
    private static BillrunStore store;

    @BeforeAll
    static void table() {
        store = LocalTable.create();
        IntStream.range(0, ACCOUNTS).forEach(i -> store.accounts().create(TENANT, Fixtures.account(accountId(i), "USD", 1, "Batch1")));
    }

    @Test
    void aRunsInvoicesAndOutcomesLandOnEveryShardKeyAndPageInTheOneKeyOrder() {
        Fixtures.processingRun(store, TENANT, "run-s");
        assertEquals(Keys.RUN_SHARDS, store.table().get(Keys.billRun(TENANT, "run-s")).orElseThrow().integer("shards"));
        List<String> invoiceIds = recordAll("run-s");

        // A run that posts by post group lists its invoices by their groups (DATA-MODEL.md "Post groups"): its drafts
        // have no run index entry, and its groups, one per transaction, lie in the partition their id's shard names.
        List<ItemReader> groups = store.table().all(ShardedQuery.ofTable(Keys.postGroupPartitions(TENANT, "run-s"),
                Keys.POST_GROUP_PREFIX));
        List<String> runOrder = groups.stream().flatMap(group -> group.strings(PostGroups.INVOICE_IDS).stream()).toList();
        assertEquals(invoiceIds, runOrder.stream().sorted().toList(), "every draft in one post group");
        assertEquals(ACCOUNTS / 20, groups.size(), "one post group per transaction of 20 accounts");
        groups.forEach(group -> assertEquals(Keys.postGroup(TENANT, "run-s", PostGroups.groupId(group)).pk(), group.string("PK")));
        assertEquals(0, Keys.runInvoicesIndexes(TENANT, "run-s", Keys.RUN_SHARDS).stream()
                .mapToInt(key -> indexEntries(key).size()).sum(), "no run index entry");
        // Each invoiced account's outcome is on its draft (DATA-MODEL.md "Outcomes at the invoice's key"): no
        // outcome item of its own in any shard.
        assertEquals(0, Keys.runAccountPartitions(TENANT, "run-s", Keys.RUN_SHARDS).stream()
                .mapToInt(pk -> store.table().partition(pk, Keys.RUN_ACCOUNT_PREFIX).size()).sum(), "no outcome item");
        assertEquals(List.of(), indexEntries(Keys.runPartition(TENANT, "run-s") + "#INV"), "nothing on the unsharded key");
        assertEquals(List.of(), store.table().partition(Keys.runPartition(TENANT, "run-s"), Keys.RUN_ACCOUNT_PREFIX));

        // Pages of 7 end inside groups of 20: the cursor resumes inside the group, each draft listed once, in run order.
        List<String> accountIds = IntStream.range(0, ACCOUNTS).mapToObj(ShardedRunKeysTest::accountId).toList();
        assertEquals(runOrder, ids(paged((cursor, limit) -> store.invoices().ofRun(TENANT, "run-s", cursor, limit))));
        assertEquals(runOrder, ids(paged((cursor, limit) -> store.invoices().ofRun(TENANT, "run-s", InvoiceStatus.DRAFT, cursor, limit))));
        List<RunAccount> tab = paged((cursor, limit) -> store.runAccounts().accounts(TENANT, "run-s", cursor, limit));
        assertEquals(runOrder, tab.stream().map(RunAccount::invoiceId).toList(), "the invoiced accounts in run order");
        assertEquals(accountIds, tab.stream().map(RunAccount::accountId).sorted().toList());
        assertTrue(tab.stream().allMatch(account -> account.outcome() == AccountOutcome.INVOICED
                && account.total().equals(new BigDecimal("10.00"))));
        assertEquals(runOrder, store.invoices().totalsOfRun(TENANT, "run-s", InvoiceStatus.DRAFT).stream()
                .map(InvoiceRepository.InvoiceTotal::invoiceId).toList());
        assertEquals(ACCOUNTS, store.runAccounts().findAll(TENANT, "run-s", accountIds).size());
        assertNull(store.invoices().ofRun(TENANT, "run-s", null, ACCOUNTS).nextCursor(), "no cursor when nothing follows");
        assertEquals(20, store.invoices().ofRun(TENANT, "run-s", null, 20).items().size());
        assertFalse(store.invoices().anyOfRun(TENANT, "run-s", InvoiceStatus.POSTED), "nothing posted before a reservation");

        // Posting plans the run's post groups in that order, each group's drafts in rank order: numbers follow run
        // order, gap-free.
        assertTrue(new InvoicePosting(store.table(), Clock.systemUTC()).post(TENANT, "run-s", () -> true, page -> { }).done());
        List<StoredInvoice> posted = paged((cursor, limit) -> store.invoices().ofRun(TENANT, "run-s", InvoiceStatus.POSTED, cursor, limit));
        assertEquals(runOrder, ids(posted));
        List<Long> numbers = posted.stream().map(invoice -> Long.parseLong(invoice.number().replaceAll("\\D", ""))).toList();
        assertEquals(consecutive(numbers.getFirst(), ACCOUNTS), numbers);
        assertTrue(store.invoices().anyOfRun(TENANT, "run-s", InvoiceStatus.POSTED));
        assertFalse(store.invoices().anyOfRun(TENANT, "run-s", InvoiceStatus.DRAFT), "no draft left");
    }

    @Test
    void aCursorOutsideTheListingsRangeIsRefused() {
        Fixtures.processingRun(store, TENANT, "run-c");
        // A run that posts by post group lists its invoices by their groups: its cursor names a group (PG#...) and how
        // many of the next group's drafts were listed.
        assertThrows(InvalidCursorException.class, () -> store.invoices().ofRun(TENANT, "run-c", InvoiceStatus.DRAFT,
                cursor("PK", "T#x"), 5));
        assertThrows(InvalidCursorException.class, () -> store.invoices().ofRun(TENANT, "run-c", cursor("SK", "DRAFT#x"), 5));
        for (String skip : new String[] {"x", "-1", ""}) {
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(("SK\nPG#\nskip\n" + skip + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            assertThrows(InvalidCursorException.class, () -> store.invoices().ofRun(TENANT, "run-c", cursor, 5), skip);
        }
        Fixtures.processingRun(store, TENANT, "run-c-old");
        store.table().update(u -> u.key(Keys.billRun(TENANT, "run-c-old").toAttributes()).updateExpression("REMOVE shards"));
        String posted = cursor("GSI2SK", "POSTED#x");
        assertThrows(InvalidCursorException.class, () -> store.invoices().ofRun(TENANT, "run-c-old", InvoiceStatus.DRAFT, posted, 5));
        assertThrows(InvalidCursorException.class, () -> store.runAccounts().accounts(TENANT, "run-c", cursor("PK", "T#x"), 5));
        assertThrows(InvalidCursorException.class, () -> store.invoices().ofRun(TENANT, "run-c", "%%%", 5));
    }

    @Test
    void aRunCreatedBeforeShardingKeepsItsOneKeyForInvoicesAndOutcomes() {
        Fixtures.processingRun(store, TENANT, "run-old");
        store.table().update(u -> u.key(Keys.billRun(TENANT, "run-old").toAttributes()).updateExpression("REMOVE shards"));
        List<String> invoiceIds = recordAll("run-old");

        assertEquals(ACCOUNTS, indexEntries(Keys.runPartition(TENANT, "run-old") + "#INV").size());
        assertEquals(ACCOUNTS, store.table().partition(Keys.runPartition(TENANT, "run-old"), Keys.RUN_ACCOUNT_PREFIX).size());
        assertEquals(0, indexEntries(Keys.runPartition(TENANT, "run-old") + "#INV#0").size());
        assertEquals(invoiceIds, ids(paged((cursor, limit) -> store.invoices().ofRun(TENANT, "run-old", cursor, limit))));
        assertEquals(IntStream.range(0, ACCOUNTS).mapToObj(ShardedRunKeysTest::accountId).toList(),
                paged((cursor, limit) -> store.runAccounts().accounts(TENANT, "run-old", cursor, limit)).stream()
                        .map(RunAccount::accountId).toList());
        RunAccount first = store.runAccounts().find(TENANT, "run-old", accountId(0)).orElseThrow();
        assertEquals(AccountBillingWriter.RolledBack.DONE, store.billingWriter().rollback(TENANT, "run-old", first));
        assertTrue(store.runAccounts().find(TENANT, "run-old", accountId(0)).orElseThrow().rolledBack());
        assertEquals(List.of(first.invoiceId()), ids(store.invoices().ofRun(TENANT, "run-old", InvoiceStatus.CANCELED, null, 10).items()));
    }

    /** Records every account's outcome and draft as the worker does, 20 to a transaction; returns the invoice ids sorted. */
    private static List<String> recordAll(String billRunId) {
        List<AccountBillingWriter.AccountRecord> records = Fixtures.drafts(TENANT, billRunId,
                IntStream.range(0, ACCOUNTS).mapToObj(ShardedRunKeysTest::accountId).toList(),
                i -> new BigDecimal("10.00"), DECEMBER_1);
        Fixtures.recordTogether(store, TENANT, billRunId, records);
        return records.stream().map(record -> record.invoice().id()).sorted().toList();
    }

    /** Every item of a listing, 7 a page, each cursor followed. */
    private static <T> List<T> paged(BiFunction<String, Integer, Page<T>> listing) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = listing.apply(cursor, 7);
            assertTrue(page.items().size() <= 7);
            all.addAll(page.items());
            cursor = page.nextCursor();
            if (cursor != null) {
                assertEquals(7, page.items().size(), "a page with a cursor is full");
            }
        } while (cursor != null);
        return all;
    }

    private static List<ItemReader> indexEntries(String gsi2pk) {
        return store.table().queryAll(q -> q.indexName(Keys.GSI2).keyConditionExpression("GSI2PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(gsi2pk))));
    }

    private static List<String> ids(List<StoredInvoice> invoices) {
        return invoices.stream().map(StoredInvoice::id).toList();
    }

    private static List<Long> consecutive(long first, int count) {
        return IntStream.range(0, count).mapToObj(i -> first + i).toList();
    }

    private static String cursor(String name, String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((name + "\n" + value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String accountId(int i) {
        return "acc-%03d".formatted(i);
    }
}

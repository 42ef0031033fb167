package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.InvoiceStatus;
import com.billrun.core.PaymentAllocation;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.ShardedQuery;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DATA-MODEL.md "Post groups": a run that posts by post group writes, at posting, each group's record and the
 * accounts' balances, not its drafts; every read of an invoice shows it POSTED with the number of its rank, and a
 * writer that changes it afterwards (a payment, a void) first makes its own item say so.
 */
class PostGroupsTest {

    private static final String TENANT = "groups";
    private static final LocalDate DECEMBER_1 = LocalDate.of(2026, 12, 1);
    private static final int ACCOUNTS = 50; // groups of 20, 20 and 10

    private final BillrunStore store = LocalTable.create();

    @Test
    void aGroupedRunIsPostedByItsGroupsRecordsGapFreeInRunOrderItsDraftsLeftAsTheyAre() {
        IntStream.range(0, ACCOUNTS).forEach(i -> account(accountId(i)));
        Fixtures.processingRun(store, TENANT, "run1");
        List<String> invoiceIds = record("run1", IntStream.range(0, ACCOUNTS).mapToObj(PostGroupsTest::accountId).toList(),
                i -> new BigDecimal("10.00").add(BigDecimal.valueOf(i)));

        List<ItemReader> groups = groups("run1");
        assertEquals(List.of(20, 20, 10), sizesInRecordOrder(groups, invoiceIds), "one group per transaction");
        assertEquals(Map.of(), postedGroups(groups));

        assertTrue(new InvoicePosting(store.table(), Clock.systemUTC()).post(TENANT, "run1", () -> true, page -> { }).done());

        List<String> runOrder = groups("run1").stream().flatMap(group -> group.strings(PostGroups.INVOICE_IDS).stream()).toList();
        List<Long> numbers = runOrder.stream().map(id -> number(store.invoices().get(TENANT, id))).toList();
        assertEquals(IntStream.range(0, ACCOUNTS).mapToObj(i -> 1L + i).toList(), numbers, "gap-free, group after group");
        assertEquals(ACCOUNTS, store.counters().last(TENANT, Counters.INVOICE));
        for (ItemReader group : groups("run1")) {
            ItemReader posted = ItemReader.of(group.map(PostGroups.POSTED));
            assertEquals(number(store.invoices().get(TENANT, group.strings(PostGroups.INVOICE_IDS).getFirst())),
                    posted.numberOrZero("first"), "the group's record holds its first number");
        }
        for (int i = 0; i < ACCOUNTS; i++) {
            String id = InvoiceIds.of("run1", accountId(i));
            ItemReader raw = store.table().get(Keys.invoice(TENANT, id)).orElseThrow();
            assertEquals("DRAFT", raw.string("status"), "posting did not write the draft");
            assertFalse(raw.has("number"));
            StoredInvoice read = store.invoices().get(TENANT, id);
            assertEquals(InvoiceStatus.POSTED, read.invoice().status());
            assertTrue(read.adjustments().postedAt() != null);
            assertEquals(new BigDecimal("10.00").add(BigDecimal.valueOf(i)), read.balance());
            assertEquals(read.balance().toPlainString(), balance(accountId(i)), "the balance moved once");
            assertEquals(List.of(read.invoice().id()), store.invoices().postedBalances(TENANT, accountId(i)).stream()
                    .map(com.billrun.core.InvoiceBalance::invoiceId).toList());
            assertEquals(read, store.invoices().ofAccount(TENANT, accountId(i), null, 10).items().getFirst());
        }
        assertEquals(ACCOUNTS, store.invoices().totalsOfRun(TENANT, "run1", InvoiceStatus.POSTED).size());
        assertEquals(0, store.invoices().totalsOfRun(TENANT, "run1", InvoiceStatus.DRAFT).size());
        assertTrue(store.invoices().anyOfRun(TENANT, "run1", InvoiceStatus.POSTED));
        assertFalse(store.invoices().anyOfRun(TENANT, "run1", InvoiceStatus.DRAFT));
        assertEquals(ACCOUNTS, store.billRuns().get(TENANT, "run1").progress().invoicesPosted());
    }

    @Test
    void twoPostersOfOneGroupedRunPostEachGroupOnceAndEachBalanceOnce() {
        IntStream.range(0, ACCOUNTS).forEach(i -> account(accountId(i)));
        Fixtures.processingRun(store, TENANT, "run2");
        record("run2", IntStream.range(0, ACCOUNTS).mapToObj(PostGroupsTest::accountId).toList(), i -> new BigDecimal("7.00"));
        InvoicePosting posting = new InvoicePosting(store.table(), Clock.systemUTC());
        assertTrue(posting.reserve(TENANT, "run2"));

        List<CompletableFuture<InvoicePosting.Outcome>> lanes = IntStream.rangeClosed(1, 2).mapToObj(lane ->
                CompletableFuture.supplyAsync(() -> new InvoicePosting(store.table(), Clock.systemUTC())
                        .postLane(TENANT, "run2", lane, 2, () -> true, page -> { }))).toList();
        CompletableFuture<InvoicePosting.Outcome> all = CompletableFuture.supplyAsync(() ->
                new InvoicePosting(store.table(), Clock.systemUTC()).post(TENANT, "run2", () -> true, page -> { }));
        lanes.forEach(CompletableFuture::join);
        assertTrue(all.join().done() || posting.post(TENANT, "run2", () -> true, page -> { }).done());

        List<Long> numbers = IntStream.range(0, ACCOUNTS).mapToObj(i -> number(store.invoices()
                .get(TENANT, InvoiceIds.of("run2", accountId(i))))).sorted().toList();
        assertEquals(IntStream.range(0, ACCOUNTS).mapToObj(i -> 1L + i).toList(), numbers);
        assertEquals(ACCOUNTS, store.counters().last(TENANT, Counters.INVOICE), "one block");
        IntStream.range(0, ACCOUNTS).forEach(i -> assertEquals("7.00", balance(accountId(i))));
        assertEquals(ACCOUNTS, store.billRuns().get(TENANT, "run2").progress().invoicesPosted());
    }

    @Test
    void anInvoiceThatTakesAccountCreditIsWrittenByItsPageTheOthersOfItsGroupAreNot() {
        IntStream.range(0, 5).forEach(i -> account(accountId(i)));
        Fixtures.processingRun(store, TENANT, "run0");
        record("run0", List.of(accountId(0), accountId(1)), i -> new BigDecimal("-30.00")); // credit invoices
        InvoicePosting posting = new InvoicePosting(store.table(), Clock.systemUTC());
        assertTrue(posting.post(TENANT, "run0", () -> true, page -> { }).done());
        String credit = InvoiceIds.of("run0", accountId(0));
        assertEquals("POSTED", store.table().get(Keys.invoice(TENANT, credit)).orElseThrow().string("status"),
                "a credit invoice is written: its balance is 0");
        assertEquals("0.00", store.invoices().get(TENANT, credit).balance().toPlainString());
        assertEquals("-30.00", balance(accountId(0)));

        Fixtures.processingRun(store, TENANT, "run1");
        record("run1", IntStream.range(0, 5).mapToObj(PostGroupsTest::accountId).toList(), i -> new BigDecimal("100.00"));
        assertTrue(posting.post(TENANT, "run1", () -> true, page -> { }).done());

        StoredInvoice tookCredit = store.invoices().get(TENANT, InvoiceIds.of("run1", accountId(0)));
        assertEquals("POSTED", store.table().get(Keys.invoice(TENANT, tookCredit.id())).orElseThrow().string("status"));
        assertEquals("70.00", tookCredit.balance().toPlainString());
        assertEquals("30.00", tookCredit.adjustments().creditApplied().toPlainString());
        assertEquals("70.00", balance(accountId(0)));
        for (int i = 2; i < 5; i++) {
            String id = InvoiceIds.of("run1", accountId(i));
            assertEquals("DRAFT", store.table().get(Keys.invoice(TENANT, id)).orElseThrow().string("status"));
            assertEquals(InvoiceStatus.POSTED, store.invoices().get(TENANT, id).invoice().status());
        }
        List<Long> numbers = IntStream.range(0, 5).mapToObj(i -> number(store.invoices()
                .get(TENANT, InvoiceIds.of("run1", accountId(i))))).sorted().toList();
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L), numbers, "after run0's two, gap-free whichever were written");
    }

    @Test
    void aPaymentOnAnInvoicePostedByItsGroupSettlesItsItemThenPaysIt() {
        IntStream.range(0, 3).forEach(i -> account(accountId(i)));
        Fixtures.processingRun(store, TENANT, "run3");
        record("run3", IntStream.range(0, 3).mapToObj(PostGroupsTest::accountId).toList(), i -> new BigDecimal("40.00"));
        assertTrue(new InvoicePosting(store.table(), Clock.systemUTC()).post(TENANT, "run3", () -> true, page -> { }).done());
        String id = InvoiceIds.of("run3", accountId(1));
        StoredInvoice before = store.invoices().get(TENANT, id);
        assertEquals("DRAFT", store.table().get(Keys.invoice(TENANT, id)).orElseThrow().string("status"));

        RecordedPayment payment = new RecordedPayment("pay-1", accountId(1), new BigDecimal("15.00"), DECEMBER_1, id,
                List.of(new PaymentAllocation(id, new BigDecimal("15.00"), new BigDecimal("25.00"))), BigDecimal.ZERO.setScale(2),
                new BigDecimal("25.00"), "finance@example.com", Instant.parse("2026-12-02T00:00:00Z"));
        assertTrue(new PaymentRepository(store.table()).record(TENANT, payment, Map.of(id, new BigDecimal("40.00")),
                store.accounts().money(TENANT, accountId(1)).orElseThrow()));

        ItemReader raw = store.table().get(Keys.invoice(TENANT, id)).orElseThrow();
        assertEquals("POSTED", raw.string("status"), "settled before the payment's conditions read it");
        assertEquals(before.number(), raw.string("number"));
        assertEquals("25.00", raw.string("balance"));
        StoredInvoice after = store.invoices().get(TENANT, id);
        assertEquals(before.number(), after.number());
        assertEquals(before.adjustments().postedAt(), after.adjustments().postedAt());
        assertEquals("25.00", after.balance().toPlainString());
        assertEquals("25.00", balance(accountId(1)));
        assertEquals(3, store.invoices().totalsOfRun(TENANT, "run3", InvoiceStatus.POSTED).size(), "listed once each");
    }

    @Test
    void aGroupIdAlreadyTakenRefusesItsTransactionAndItsAccountsAreRecordedOneByOneInGroupsOfTheirOwn() {
        IntStream.range(0, 3).forEach(i -> account(accountId(i)));
        Fixtures.processingRun(store, TENANT, "run4");
        String first = InvoiceIds.of("run4", accountId(0));
        // Another group of the run with the id this transaction's group would take (64 bits: it does not happen).
        store.table().put(PostGroups.item(TENANT, "run4", first.replace("-", "").substring(0, 16), List.of("another")));
        List<AccountBillingWriter.AccountRecord> records = records("run4", List.of(accountId(0), accountId(1), accountId(2)),
                i -> new BigDecimal("3.00"));

        List<AccountBillingWriter.AccountRecord> notWritten = store.billingWriter().recordTogether(TENANT, "run4", records);

        assertEquals(records, notWritten, "nothing written");
        assertTrue(store.invoices().find(TENANT, first).isEmpty());
        for (AccountBillingWriter.AccountRecord record : notWritten) {
            assertEquals(AccountBillingWriter.Recorded.WRITTEN, store.billingWriter().record(TENANT, "run4", record.outcome(),
                    record.invoice(), record.read(), record.failures()));
        }
        assertEquals(4, groups("run4").size(), "the other one and a group of one for each account");
        assertTrue(new InvoicePosting(store.table(), Clock.systemUTC()).post(TENANT, "run4", () -> true, page -> { }).done());
        assertEquals(List.of(1L, 2L, 3L), IntStream.range(0, 3).mapToObj(i -> number(store.invoices()
                .get(TENANT, InvoiceIds.of("run4", accountId(i))))).sorted().toList());
        IntStream.range(0, 3).forEach(i -> assertEquals("3.00", balance(accountId(i))));
    }

    @Test
    void aGroupWithADraftThatIsNoLongerOneRefusesThePostBeforeAnyNumberIsReserved() {
        IntStream.range(0, 3).forEach(i -> account(accountId(i)));
        Fixtures.processingRun(store, TENANT, "run5");
        List<String> ids = record("run5", IntStream.range(0, 3).mapToObj(PostGroupsTest::accountId).toList(),
                i -> new BigDecimal("5.00"));
        // Only cancel changes a draft (the whole run); one changed behind the plan would leave a hole in its numbers.
        store.table().update(u -> u.key(Keys.invoice(TENANT, ids.get(1)).toAttributes())
                .updateExpression("SET #status = :canceled").expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":canceled", AttributeValue.fromS("CANCELED"))));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () ->
                new InvoicePosting(store.table(), Clock.systemUTC()).post(TENANT, "run5", () -> true, page -> { }));

        assertTrue(refused.getMessage().contains("has 2 drafts of 3 invoices"), refused.getMessage());
        assertEquals(0, store.counters().last(TENANT, Counters.INVOICE), "no number reserved");
        assertFalse(store.table().get(Keys.billRun(TENANT, "run5")).orElseThrow().has("postBlocks"), "no block");
        IntStream.range(0, 3).forEach(i -> assertEquals(0,
                store.accounts().money(TENANT, accountId(i)).orElseThrow().balance().signum(), "no balance moved"));
        assertEquals(Map.of(), postedGroups(groups("run5")));
    }

    /** Records the accounts as the worker does (20 to a transaction); returns the invoice ids in record order. */
    private List<String> record(String billRunId, List<String> accountIds, IntFunction<BigDecimal> total) {
        List<AccountBillingWriter.AccountRecord> records = records(billRunId, accountIds, total);
        Fixtures.recordTogether(store, TENANT, billRunId, records);
        return records.stream().map(record -> record.invoice().id()).toList();
    }

    /** Each account's draft of {@code total(i)} and its INVOICED outcome, as the worker bills them. */
    private static List<AccountBillingWriter.AccountRecord> records(String billRunId, List<String> accountIds,
                                                                   IntFunction<BigDecimal> total) {
        return Fixtures.drafts(TENANT, billRunId, accountIds, total, DECEMBER_1);
    }

    private List<ItemReader> groups(String billRunId) {
        return store.table().all(ShardedQuery.ofTable(Keys.postGroupPartitions(TENANT, billRunId), Keys.POST_GROUP_PREFIX));
    }

    private static List<Integer> sizesInRecordOrder(List<ItemReader> groups, List<String> invoiceIds) {
        Map<String, Integer> sizeByFirst = groups.stream().collect(Collectors.toMap(
                group -> group.strings(PostGroups.INVOICE_IDS).getFirst(), group -> group.strings(PostGroups.INVOICE_IDS).size()));
        assertEquals(invoiceIds.stream().sorted().toList(), groups.stream()
                .flatMap(group -> group.strings(PostGroups.INVOICE_IDS).stream()).sorted().toList(), "every draft in one group");
        return invoiceIds.stream().filter(sizeByFirst::containsKey).map(sizeByFirst::get).toList();
    }

    private static Map<String, ItemReader> postedGroups(List<ItemReader> groups) {
        Map<String, ItemReader> posted = new HashMap<>();
        groups.stream().filter(group -> group.has(PostGroups.POSTED)).forEach(group -> posted.put(PostGroups.groupId(group), group));
        return posted;
    }

    private void account(String accountId) {
        store.accounts().create(TENANT, Fixtures.account(accountId, "USD", 1, "Batch1"));
    }

    private String balance(String accountId) {
        AccountMoney money = store.accounts().money(TENANT, accountId).orElseThrow();
        return money.balance().toPlainString();
    }

    private static long number(StoredInvoice invoice) {
        return Long.parseLong(invoice.number().replaceAll("\\D", ""));
    }

    private static String accountId(int i) {
        return "acc-%03d".formatted(i);
    }
}

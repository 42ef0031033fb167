package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DATA-MODEL.md "Balances owed by post groups": posting a grouped run writes no account whose invoice its group's
 * record posts; every read of the account's balance adds what that invoice owes, and a writer of the account's money
 * first settles it, adding its total to the stored balance exactly once.
 */
class BalancesOwedByPostGroupsTest {

    private static final String TENANT = "owed";
    private static final LocalDate DECEMBER_1 = LocalDate.of(2026, 12, 1);
    private static final int ACCOUNTS = 30; // groups of 20 and 10

    private final BillrunStore store = LocalTable.create();

    @Test
    void postingWritesNoAccountAndEveryReadOfTheBalanceAddsWhatItsInvoiceOwes() {
        List<String> accountIds = accounts("5.00");
        Fixtures.processingRun(store, TENANT, "run1");
        record("run1", accountIds);

        assertTrue(new InvoicePosting(store.table(), Clock.systemUTC()).post(TENANT, "run1", () -> true, page -> { }).done());

        for (int i = 0; i < ACCOUNTS; i++) {
            String accountId = accountIds.get(i);
            assertEquals("5.00", stored(accountId), "posting did not write the account");
            BigDecimal whole = new BigDecimal("5.00").add(total(i));
            assertEquals(whole, store.accounts().find(TENANT, accountId).orElseThrow().balance(), accountId);
        }
        assertEquals(accountIds.stream().map(id -> store.accounts().find(TENANT, id).orElseThrow()).toList(),
                store.accounts().findAll(TENANT, accountIds).stream()
                        .sorted(java.util.Comparator.comparing(CustomerAccount::id)).toList());
        List<CustomerAccount> listed = store.accounts().list(TENANT, null, 100).items();
        assertEquals(ACCOUNTS, listed.size());
        listed.forEach(account -> assertEquals(store.accounts().find(TENANT, account.id()).orElseThrow().balance(),
                account.balance()));
    }

    @Test
    void aWriterOfTheMoneySettlesFirstAndTheTotalEntersTheStoredBalanceOnceWhoeverSettles() {
        List<String> accountIds = accounts(null);
        Fixtures.processingRun(store, TENANT, "run2");
        record("run2", accountIds);
        assertTrue(new InvoicePosting(store.table(), Clock.systemUTC()).post(TENANT, "run2", () -> true, page -> { }).done());

        // Eight writers of the same account's money at once: each settles first, the invoice's total is added once.
        String accountId = accountIds.get(3);
        List<CompletableFuture<AccountMoney>> readers = IntStream.range(0, 8).mapToObj(i ->
                CompletableFuture.supplyAsync(() -> store.accounts().money(TENANT, accountId).orElseThrow())).toList();
        readers.forEach(reader -> assertEquals(total(3), reader.join().balance()));
        assertEquals(total(3).toPlainString(), stored(accountId));
        ItemReader item = store.table().get(Keys.invoice(TENANT, InvoiceIds.of("run2", accountId))).orElseThrow();
        assertEquals("POSTED", item.string("status"), "its item says so now");
        assertEquals(store.invoices().get(TENANT, item.string("invoiceId")).number(), item.string("number"));
        assertEquals(total(3), store.accounts().find(TENANT, accountId).orElseThrow().balance(), "not counted twice");

        // A payment settles the invoice it pays, then pays it: the account owes the rest, once.
        String other = accountIds.get(4);
        String invoiceId = InvoiceIds.of("run2", other);
        BigDecimal paid = new BigDecimal("2.00");
        pay(other, invoiceId, total(4), paid);
        assertEquals(total(4).subtract(paid), store.accounts().find(TENANT, other).orElseThrow().balance());
        assertEquals(total(4).subtract(paid), store.invoices().get(TENANT, invoiceId).balance());
    }

    @Test
    void aGroupPostedBeforeTheChangeHadItsBalancesWrittenByItsPageAndIsNotCountedAgain() {
        List<String> accountIds = accounts(null);
        Fixtures.processingRun(store, TENANT, "run4");
        record("run4", accountIds);
        assertTrue(new InvoicePosting(store.table(), Clock.systemUTC()).post(TENANT, "run4", () -> true, page -> { }).done());
        // As the page of a group posted before wrote it: the group's record without `owed`, the balances written.
        store.table().all(ShardedQuery.ofTable(Keys.postGroupPartitions(TENANT, "run4"), Keys.POST_GROUP_PREFIX))
                .forEach(group -> store.table().update(u -> u.key(Map.of("PK", group.attributes().get("PK"),
                        "SK", group.attributes().get("SK"))).updateExpression("REMOVE posted.owed")));
        for (int i = 0; i < ACCOUNTS; i++) {
            AttributeValue balance = AttributeValue.fromS(total(i).toPlainString());
            String accountId = accountIds.get(i);
            store.table().update(u -> u.key(Keys.account(TENANT, accountId).toAttributes())
                    .updateExpression("SET balance = :b").expressionAttributeValues(Map.of(":b", balance)));
        }

        String accountId = accountIds.get(7);
        assertEquals(total(7), store.accounts().find(TENANT, accountId).orElseThrow().balance(), "not counted twice");
        assertEquals(total(7), store.accounts().money(TENANT, accountId).orElseThrow().balance(), "nothing owed to settle");
        assertEquals(total(7).toPlainString(), stored(accountId));
        assertEquals(InvoiceStatus.POSTED, store.invoices().get(TENANT, InvoiceIds.of("run4", accountId)).invoice().status());

        // A payment settles its item (status and number only: its balance was written) and pays it.
        String invoiceId = InvoiceIds.of("run4", accountId);
        BigDecimal paid = new BigDecimal("3.00");
        pay(accountId, invoiceId, total(7), paid);
        assertEquals("POSTED", store.table().get(Keys.invoice(TENANT, invoiceId)).orElseThrow().string("status"));
        assertEquals(total(7).subtract(paid), store.accounts().find(TENANT, accountId).orElseThrow().balance());
    }

    @Test
    void aDraftOfAGroupNotPostedOwesNothingYet() {
        List<String> accountIds = accounts(null);
        Fixtures.processingRun(store, TENANT, "run3");
        record("run3", accountIds);
        String before = stored(accountIds.getFirst());

        assertEquals(BigDecimal.ZERO, store.accounts().find(TENANT, accountIds.getFirst()).orElseThrow().balance());
        assertEquals(BigDecimal.ZERO, store.accounts().money(TENANT, accountIds.getFirst()).orElseThrow().balance());
        assertEquals(before, stored(accountIds.getFirst()), "nothing settled: a draft is not owed");
        assertEquals(InvoiceStatus.DRAFT, store.invoices().get(TENANT, InvoiceIds.of("run3", accountIds.getFirst()))
                .invoice().status());
    }

    private List<String> accounts(String balance) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String id = "acc-%03d".formatted(i);
            var account = Fixtures.account(id, "USD", 1, "Batch1");
            store.accounts().create(TENANT, balance == null ? account : account.withBalance(new BigDecimal(balance)));
            ids.add(id);
        }
        return ids;
    }

    private void record(String billRunId, List<String> accountIds) {
        Fixtures.recordTogether(store, TENANT, billRunId,
                Fixtures.drafts(TENANT, billRunId, accountIds, BalancesOwedByPostGroupsTest::total, DECEMBER_1));
    }

    /** A payment of {@code paid} on the invoice, as the API records one: the account's money read (settled) first. */
    private void pay(String accountId, String invoiceId, BigDecimal invoiceBalance, BigDecimal paid) {
        AccountMoney money = store.accounts().money(TENANT, accountId).orElseThrow();
        RecordedPayment payment = new RecordedPayment("pay-" + invoiceId, accountId, paid, DECEMBER_1, invoiceId,
                List.of(new PaymentAllocation(invoiceId, paid, invoiceBalance.subtract(paid))), BigDecimal.ZERO.setScale(2),
                money.balance().subtract(paid), "clerk@example.com", Instant.parse("2026-12-02T10:00:00Z"));
        assertTrue(new PaymentRepository(store.table()).record(TENANT, payment, Map.of(invoiceId, invoiceBalance), money));
    }

    private static BigDecimal total(int i) {
        return new BigDecimal("10.00").add(BigDecimal.valueOf(i));
    }

    /** The balance on the account's item, as stored (null: never set). */
    private String stored(String accountId) {
        return store.table().get(Keys.account(TENANT, accountId)).orElseThrow().string("balance");
    }
}

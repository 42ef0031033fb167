package com.billrun.usecases.billrun;

import static com.billrun.usecases.billrun.RunFixture.DECEMBER_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.InvoiceStatus;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunOptions;
import com.billrun.store.BillRunStatus;
import com.billrun.store.InvoicePosting;
import com.billrun.store.Page;
import com.billrun.store.RunAccount;
import com.billrun.store.StoredInvoice;
import com.billrun.store.dynamodb.Keys;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A run created before the run keys were sharded (functions/store/DATA-MODEL.md "Sharded run keys"): its item has no
 * {@code shards}, so the worker, the listings, cancel and post all use its one invoice index key and its own
 * partition for the outcomes, as they did when it was created.
 */
class UnshardedRunTest {

    private static final int ACCOUNTS = 12;

    private final RunFixture fixture = new RunFixture();

    @Test
    void aRunWithoutShardsIsBilledListedCanceledAndPostedOnItsOldKeys() {
        List<String> accountIds = IntStream.rangeClosed(1, ACCOUNTS).mapToObj("A%02d"::formatted).toList();
        accountIds.forEach(id -> fixture.monthly(id, "10.00"));
        LocalDate before = chargedThrough(accountIds.getFirst());

        BillRun december = generatedWithoutShards();
        assertEquals(BillRunStatus.COMPLETED, december.status());
        assertEquals(ACCOUNTS, december.counts().invoicesGenerated());
        assertEquals(ACCOUNTS, fixture.store.table().partition(Keys.runPartition(fixture.tenantId, december.id()),
                Keys.RUN_ACCOUNT_PREFIX).size(), "the outcomes in the run's own partition");
        assertEquals(ACCOUNTS, indexEntries(Keys.runPartition(fixture.tenantId, december.id()) + "#INV"),
                "the invoices on the run's one index key");
        List<String> invoiceIds = all((cursor, limit) -> fixture.store.invoices().ofRun(fixture.tenantId, december.id(),
                cursor, limit)).stream().map(StoredInvoice::id).toList();
        assertEquals(invoiceIds.stream().sorted().toList(), invoiceIds);
        assertEquals(ACCOUNTS, invoiceIds.size());
        assertEquals(accountIds, all((cursor, limit) -> fixture.store.runAccounts().accounts(fixture.tenantId,
                december.id(), cursor, limit)).stream().map(RunAccount::accountId).toList());

        BillRun canceled = new CancelBillRun(fixture.store, Clock.systemUTC()).cancel(fixture.tenantId, december.id(),
                "cfo@acme.example");
        assertEquals(BillRunStatus.CANCELED, canceled.status());
        assertEquals(invoiceIds, all((cursor, limit) -> fixture.store.invoices().ofRun(fixture.tenantId, december.id(),
                InvoiceStatus.CANCELED, cursor, limit)).stream().map(StoredInvoice::id).toList());
        assertTrue(all((cursor, limit) -> fixture.store.runAccounts().accounts(fixture.tenantId, december.id(), cursor,
                limit)).stream().allMatch(RunAccount::rolledBack));
        assertEquals(before, chargedThrough(accountIds.getFirst()), "the run's dates undone");

        BillRun again = generatedWithoutShards();
        assertEquals(ACCOUNTS, again.counts().invoicesGenerated(), "the canceled period billed again");
        assertTrue(new InvoicePosting(fixture.store.table(), Clock.systemUTC())
                .post(fixture.tenantId, again.id(), () -> true, page -> { }).done());
        List<StoredInvoice> posted = all((cursor, limit) -> fixture.store.invoices().ofRun(fixture.tenantId, again.id(),
                InvoiceStatus.POSTED, cursor, limit));
        assertEquals(ACCOUNTS, posted.size());
        List<Long> numbers = posted.stream().map(invoice -> Long.parseLong(invoice.number().replaceAll("\\D", ""))).toList();
        assertEquals(IntStream.range(0, ACCOUNTS).mapToObj(i -> numbers.getFirst() + i).toList(), numbers,
                "gap-free, in invoice id order");
        assertEquals(ACCOUNTS, indexEntries(Keys.runPartition(fixture.tenantId, again.id()) + "#INV"));
    }

    /** Create, then the run item as it was before sharding (no {@code shards}), then Prepare, the batches, Complete. */
    private BillRun generatedWithoutShards() {
        BillRun run = fixture.created(BillRunOptions.allAccounts(DECEMBER_1));
        fixture.store.table().update(u -> u.key(Keys.billRun(fixture.tenantId, run.id()).toAttributes())
                .updateExpression("REMOVE shards"));
        assertNull(fixture.store.table().get(Keys.billRun(fixture.tenantId, run.id())).orElseThrow().integer("shards"));
        for (String batchId : fixture.prepare(run, 5)) {
            new InvoiceBatch(fixture.store).invoice(fixture.tenantId, run.id(), batchId, () -> { });
        }
        return fixture.complete(run);
    }

    private LocalDate chargedThrough(String accountId) {
        return fixture.store.subscriptions().find(fixture.tenantId, accountId, "S-" + accountId).orElseThrow()
                .subscription().charges().getFirst().chargedThroughDate();
    }

    private int indexEntries(String gsi2pk) {
        return fixture.store.table().queryAll(q -> q.indexName(Keys.GSI2).keyConditionExpression("GSI2PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(gsi2pk)))).size();
    }

    /** Every item of a listing, 5 a page. */
    private static <T> List<T> all(BiFunction<String, Integer, Page<T>> listing) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = listing.apply(cursor, 5);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }
}

package com.billrun.store;

import com.billrun.core.InvoiceBalance;
import com.billrun.core.InvoiceStatus;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.ShardedQuery;
import com.billrun.store.dynamodb.Table;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads of invoices: by id, a run's invoices (the invoices tab, or only its drafts for posting) and an account's.
 * Drafts are written by {@link AccountBillingWriter} together with the charged-through moves.
 */
public final class InvoiceRepository {

    /** What emailing needs of a run's invoice: its id, account and total, read without the lines. */
    public record InvoiceTotal(String invoiceId, String accountId, String currency, BigDecimal total) {
    }

    private final Table table;
    private final RunLayouts layouts;

    public InvoiceRepository(Table table) {
        this.table = table;
        this.layouts = new RunLayouts(table);
    }

    public Optional<StoredInvoice> find(String tenantId, String invoiceId) {
        return table.get(Keys.invoice(tenantId, invoiceId)).map(InvoiceMapper::fromItem);
    }

    public StoredInvoice get(String tenantId, String invoiceId) {
        return find(tenantId, invoiceId).orElseThrow(() -> new NotFoundException("invoice", invoiceId));
    }

    /** The run's invoices, whatever their status, grouped by status then id. */
    public Page<StoredInvoice> ofRun(String tenantId, String billRunId, String cursor, int limit) {
        return runInvoices(tenantId, billRunId, "", cursor, limit);
    }

    /**
     * The run's invoices in {@code status}. Posting changes an invoice's index key from {@code DRAFT#} to
     * {@code POSTED#}, so asking again for the first page of DRAFTs always resumes at the first unposted one.
     */
    public Page<StoredInvoice> ofRun(String tenantId, String billRunId, InvoiceStatus status, String cursor, int limit) {
        return runInvoices(tenantId, billRunId, status.name() + "#", cursor, limit);
    }

    /** The ids of the run's first DRAFT invoices by its index (which lags the table a little), at most {@code limit}. */
    public List<String> draftIdsOfRun(String tenantId, String billRunId, int limit) {
        return table.page(runIndex(tenantId, billRunId, InvoiceStatus.DRAFT.name() + "#")
                        .projecting("#invoiceId", Map.of("#invoiceId", "invoiceId")), null, limit)
                .items().stream().map(item -> item.string("invoiceId")).toList();
    }

    /**
     * Every DRAFT invoice id of the run in the index's order (by invoice id: run order), following the index's pages
     * of each of the run's shards, merged. The index lags the table a little: the caller re-reads what it lists.
     */
    public List<String> allDraftIdsOfRun(String tenantId, String billRunId) {
        List<String> ids = new ArrayList<>();
        table.each(runIndex(tenantId, billRunId, InvoiceStatus.DRAFT.name() + "#")
                .projecting("#invoiceId", Map.of("#invoiceId", "invoiceId")), item -> ids.add(item.string("invoiceId")));
        return ids;
    }

    /**
     * Every invoice of the run in {@code status}, projected to {@link InvoiceTotal} (e.g. the POSTED ones to email
     * them), in invoice id order, following the index's pages. The index lags the table a little.
     */
    public List<InvoiceTotal> totalsOfRun(String tenantId, String billRunId, InvoiceStatus status) {
        return table.all(runIndex(tenantId, billRunId, status.name() + "#")
                        .projecting("#invoiceId, #accountId, #currency, #total", Map.of("#invoiceId", "invoiceId",
                                "#accountId", "accountId", "#currency", "currency", "#total", "total")))
                .stream().map(item -> new InvoiceTotal(item.string("invoiceId"), item.string("accountId"),
                        item.string("currency"), item.amount("total")))
                .toList();
    }

    public boolean anyOfRun(String tenantId, String billRunId, InvoiceStatus status) {
        return !ofRun(tenantId, billRunId, status, null, 1).items().isEmpty();
    }

    /** The account's invoices, newest invoice date first. */
    public Page<StoredInvoice> ofAccount(String tenantId, String accountId, String cursor, int limit) {
        Page<ItemReader> page = table.page(q -> q.indexName(Keys.GSI1)
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.accountInvoicesIndex(tenantId, accountId))))
                .scanIndexForward(false), cursor, limit);
        return new Page<>(page.items().stream().map(InvoiceMapper::fromItem).toList(), page.nextCursor());
    }

    /**
     * What payments and the account's status need of its POSTED invoices: ids, dates and open balances, read from
     * the account's index without the lines. The index lags the table a little; writers condition on what they read.
     */
    public List<InvoiceBalance> postedBalances(String tenantId, String accountId) {
        return table.queryAll(q -> q.indexName(Keys.GSI1).keyConditionExpression("GSI1PK = :pk")
                        .filterExpression("#status = :posted")
                        .projectionExpression("invoiceId, #status, invoiceDate, dueDate, #balance")
                        .expressionAttributeNames(Map.of("#status", InvoiceMapper.STATUS, "#balance", InvoiceMapper.BALANCE))
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(Keys.accountInvoicesIndex(tenantId, accountId)),
                                ":posted", AttributeValue.fromS(InvoiceStatus.POSTED.name()))))
                .stream().map(item -> new InvoiceBalance(item.string("invoiceId"), InvoiceStatus.POSTED,
                        item.date("invoiceDate"), item.date("dueDate"), item.amount(InvoiceMapper.BALANCE)))
                .toList();
    }

    private Page<StoredInvoice> runInvoices(String tenantId, String billRunId, String prefix, String cursor, int limit) {
        Page<ItemReader> page = table.page(runIndex(tenantId, billRunId, prefix), cursor, limit);
        return new Page<>(page.items().stream().map(InvoiceMapper::fromItem).toList(), page.nextCursor());
    }

    /**
     * The run's invoices on GSI2 whose sort key ({@code {status}#{id}}) begins with {@code prefix} ("" for all), in
     * every index key of the run's layout ({@link RunLayouts}), merged in sort key order.
     */
    private ShardedQuery runIndex(String tenantId, String billRunId, String prefix) {
        return ShardedQuery.ofIndex2(Keys.runInvoicesIndexes(tenantId, billRunId, layouts.shards(tenantId, billRunId)), prefix);
    }
}

package com.billrun.store;

import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.ShardedQuery;
import com.billrun.store.dynamodb.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads of a run's accounts tab ({@code ACCT#}, in the run's outcome shards: {@link RunLayouts}; for a run that keeps
 * its outcomes at their invoices' keys, those records: {@link RunAccountMapper}) and failures tab ({@code FAIL#}).
 */
public final class RunAccountRepository {

    /** What the accounts tab reads of an invoiced account's draft: its outcome, not its lines. */
    private static final String OUTCOME_ATTRIBUTES = "#accountId, #currency, #total, #status, #moved, #failed, #rolledBack";
    private static final Map<String, String> OUTCOME_NAMES = Map.of("#accountId", "accountId", "#currency", "currency",
            "#total", "total", "#status", InvoiceMapper.STATUS, "#moved", RunAccountMapper.MOVED,
            "#failed", RunAccountMapper.FAILED_SUBSCRIPTIONS, "#rolledBack", RunAccountMapper.ROLLED_BACK);

    private final Table table;
    private final RunLayouts layouts;
    private final InvoiceRepository invoices;

    public RunAccountRepository(Table table) {
        this.table = table;
        this.layouts = new RunLayouts(table);
        this.invoices = new InvoiceRepository(table);
    }

    public Optional<RunAccount> find(String tenantId, String billRunId, String accountId) {
        if (layouts.outcomesAtInvoice(tenantId, billRunId)) {
            return table.get(RunAccountMapper.recordKey(tenantId, billRunId, accountId)).map(RunAccountMapper::fromRecord);
        }
        return table.get(Keys.runAccount(tenantId, billRunId, layouts.shards(tenantId, billRunId), accountId))
                .map(RunAccountMapper::fromItem);
    }

    /** The outcomes this run already recorded among {@code accountIds}, by account id. */
    public Map<String, RunAccount> findAll(String tenantId, String billRunId, List<String> accountIds) {
        if (accountIds.isEmpty()) {
            return Map.of();
        }
        if (layouts.outcomesAtInvoice(tenantId, billRunId)) {
            return table.getAll(accountIds.stream().map(id -> RunAccountMapper.recordKey(tenantId, billRunId, id)).toList())
                    .stream().map(RunAccountMapper::fromRecord)
                    .collect(Collectors.toMap(RunAccount::accountId, Function.identity()));
        }
        int shards = layouts.shards(tenantId, billRunId);
        return table.getAll(accountIds.stream().map(id -> Keys.runAccount(tenantId, billRunId, shards, id)).toList())
                .stream().map(RunAccountMapper::fromItem)
                .collect(Collectors.toMap(RunAccount::accountId, Function.identity()));
    }

    /**
     * The run's outcomes in account id order, whichever shards hold them. For a run that keeps its outcomes at their
     * invoices' keys: first the accounts without an invoice (failed, nothing to bill, skipped) in account id order, from
     * the run's index, then the invoiced accounts in run order, by their post groups ({@link #recordedAccounts}).
     */
    public Page<RunAccount> accounts(String tenantId, String billRunId, String cursor, int limit) {
        if (layouts.outcomesAtInvoice(tenantId, billRunId)) {
            return recordedAccounts(tenantId, billRunId, cursor, limit);
        }
        Page<ItemReader> page = table.page(ShardedQuery.ofTable(
                Keys.runAccountPartitions(tenantId, billRunId, layouts.shards(tenantId, billRunId)),
                Keys.RUN_ACCOUNT_PREFIX), cursor, limit);
        return new Page<>(page.items().stream().map(RunAccountMapper::fromItem).toList(), page.nextCursor());
    }

    /**
     * The accounts tab of a run that keeps its outcomes at their invoices' keys. The outcomes without an invoice are
     * the run index's entries under {@code ACCT#} (their cursor carries GSI2's sort key); the invoiced accounts follow,
     * as the run's invoices are listed (their cursor carries the table's: {@link InvoiceRepository#groupedRunPage}).
     */
    private Page<RunAccount> recordedAccounts(String tenantId, String billRunId, String cursor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        List<RunAccount> accounts = new ArrayList<>();
        String invoicedFrom = cursor;
        if (cursor == null || ShardedQuery.cursorField(cursor, Keys.SK) == null) {
            Page<ItemReader> page = table.page(ShardedQuery.ofIndex2(Keys.runInvoicesIndexes(tenantId, billRunId,
                    layouts.shards(tenantId, billRunId)), Keys.RUN_ACCOUNT_PREFIX), cursor, limit);
            page.items().stream().map(RunAccountMapper::fromRecord).forEach(accounts::add);
            if (page.nextCursor() != null) {
                return new Page<>(accounts, page.nextCursor());
            }
            invoicedFrom = null;
        }
        if (accounts.size() == limit) {
            boolean more = !invoices.groupedRunPage(tenantId, billRunId, null, 1, OUTCOME_ATTRIBUTES, OUTCOME_NAMES)
                    .items().isEmpty();
            return new Page<>(accounts, more ? InvoiceRepository.firstGroupCursor(tenantId, billRunId) : null);
        }
        InvoiceRepository.GroupedPage invoiced = invoices.groupedRunPage(tenantId, billRunId, invoicedFrom,
                limit - accounts.size(), OUTCOME_ATTRIBUTES, OUTCOME_NAMES);
        invoiced.items().stream().map(RunAccountMapper::fromRecord).forEach(accounts::add);
        return new Page<>(accounts, invoiced.nextCursor());
    }

    public Page<BillingFailure> failures(String tenantId, String billRunId, String cursor, int limit) {
        Page<ItemReader> page = runItems(tenantId, billRunId, Keys.FAILURE_PREFIX, cursor, limit);
        return new Page<>(page.items().stream().map(RunAccountMapper::failure).toList(), page.nextCursor());
    }

    /**
     * The accounts with at least one failure in the run (the whole account, or one of its subscriptions), once each,
     * in account id order: what a retry of the run's failures selects. Reads the run's failure items only.
     */
    public List<String> failedAccountIds(String tenantId, String billRunId) {
        return table.partition(Keys.runPartition(tenantId, billRunId), Keys.FAILURE_PREFIX).stream()
                .map(item -> RunAccountMapper.failure(item).accountId()).distinct().toList();
    }

    private Page<ItemReader> runItems(String tenantId, String billRunId, String prefix, String cursor, int limit) {
        return table.page(q -> q.keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.runPartition(tenantId, billRunId)),
                        ":prefix", AttributeValue.fromS(prefix)))
                .consistentRead(true), cursor, limit);
    }
}

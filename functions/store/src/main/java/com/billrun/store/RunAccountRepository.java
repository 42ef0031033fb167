package com.billrun.store;

import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.ShardedQuery;
import com.billrun.store.dynamodb.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads of a run's accounts tab ({@code ACCT#}, in the run's outcome shards: {@link RunLayouts}) and failures tab
 * ({@code FAIL#}).
 */
public final class RunAccountRepository {

    private final Table table;
    private final RunLayouts layouts;

    public RunAccountRepository(Table table) {
        this.table = table;
        this.layouts = new RunLayouts(table);
    }

    public Optional<RunAccount> find(String tenantId, String billRunId, String accountId) {
        return table.get(Keys.runAccount(tenantId, billRunId, layouts.shards(tenantId, billRunId), accountId))
                .map(RunAccountMapper::fromItem);
    }

    /** The outcomes this run already recorded among {@code accountIds}, by account id. */
    public Map<String, RunAccount> findAll(String tenantId, String billRunId, List<String> accountIds) {
        if (accountIds.isEmpty()) {
            return Map.of();
        }
        int shards = layouts.shards(tenantId, billRunId);
        return table.getAll(accountIds.stream().map(id -> Keys.runAccount(tenantId, billRunId, shards, id)).toList())
                .stream().map(RunAccountMapper::fromItem)
                .collect(Collectors.toMap(RunAccount::accountId, Function.identity()));
    }

    /** The run's outcomes in account id order, whichever shards hold them. */
    public Page<RunAccount> accounts(String tenantId, String billRunId, String cursor, int limit) {
        Page<ItemReader> page = table.page(ShardedQuery.ofTable(
                Keys.runAccountPartitions(tenantId, billRunId, layouts.shards(tenantId, billRunId)),
                Keys.RUN_ACCOUNT_PREFIX), cursor, limit);
        return new Page<>(page.items().stream().map(RunAccountMapper::fromItem).toList(), page.nextCursor());
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

package com.billrun.store;

import com.billrun.core.AccountStatus;
import com.billrun.store.dynamodb.Conditions;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Customer accounts and the run selection's queries: all of a tenant's accounts, those of a batch, those of a
 * bill cycle day, or explicit ids. Selection reads only the few attributes it needs (id, status), so selecting
 * 100k accounts stays a handful of 1 MB pages.
 */
public final class AccountRepository {

    private static final String SELECTION_ATTRIBUTES = "accountId, #status";

    private final Table table;

    public AccountRepository(Table table) {
        this.table = table;
    }

    /**
     * Stores a new account and its listing item (its entries in the accounts and bill-cycle-day indexes), in one
     * transaction; false when an account with that id exists (nothing written).
     */
    public boolean create(String tenantId, CustomerAccount account) {
        try {
            table.transact(List.of(table.putIfAbsentAction(AccountMapper.toItem(tenantId, account)),
                    table.putAction(AccountMapper.listingItem(tenantId, account))));
            return true;
        } catch (TransactionCanceledException refused) {
            if (Conditions.failed(refused, 0)) {
                return false;
            }
            throw new TransientStoreException("account " + account.id() + " not created: " + refused.getMessage(), refused);
        }
    }

    public Optional<CustomerAccount> find(String tenantId, String accountId) {
        return table.get(Keys.account(tenantId, accountId)).map(AccountMapper::fromItem);
    }

    /** The account's balance as stored and its open credits, strongly consistent. */
    public Optional<AccountMoney> money(String tenantId, String accountId) {
        return Optional.ofNullable(AccountBalances.read(table, tenantId, List.of(accountId)).get(accountId));
    }

    /**
     * The account, its subscriptions and usage, from one strongly consistent query of its item collection (its
     * listing and subscription references are left out); empty when the account does not exist.
     */
    public Optional<AccountBillingData> billingData(String tenantId, String accountId) {
        List<ItemReader> collection = table.partition(Keys.accountPartition(tenantId, accountId), "");
        Optional<CustomerAccount> account = collection.stream().filter(i -> Keys.ACCOUNT.equals(i.string(Keys.SK)))
                .findFirst().map(AccountMapper::fromItem);
        return account.map(found -> new AccountBillingData(found,
                collection.stream().filter(i -> i.string(Keys.SK).startsWith(Keys.SUBSCRIPTION_PREFIX))
                        .map(SubscriptionMapper::fromItem).toList(),
                collection.stream().filter(i -> i.string(Keys.SK).startsWith(Keys.USAGE_PREFIX))
                        .map(UsageMapper::fromItem).toList()));
    }

    /**
     * A page of the tenant's accounts in batch then id order: the accounts index gives the ids (listing items, or
     * the account items themselves for accounts stored before listings existed), the accounts are then read
     * (BatchGetItem, strongly consistent). An id whose account is gone is left out.
     */
    public Page<CustomerAccount> list(String tenantId, String cursor, int limit) {
        Page<ItemReader> page = table.page(q -> q.indexName(Keys.GSI1).keyConditionExpression("GSI1PK = :pk")
                .projectionExpression("#accountId").expressionAttributeNames(Map.of("#accountId", AccountMapper.ACCOUNT_ID))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.accountsIndex(tenantId)))), cursor, limit);
        List<String> ids = page.items().stream().map(item -> item.string(AccountMapper.ACCOUNT_ID)).distinct().toList();
        Map<String, CustomerAccount> byId = new HashMap<>();
        findAll(tenantId, ids).forEach(account -> byId.put(account.id(), account));
        return new Page<>(ids.stream().map(byId::get).filter(Objects::nonNull).toList(), page.nextCursor());
    }

    /** Ids of the tenant's billable accounts, in batch then id order. */
    public List<String> billableIds(String tenantId) {
        return billable(q -> q.indexName(Keys.GSI1).keyConditionExpression("GSI1PK = :pk")
                .projectionExpression(SELECTION_ATTRIBUTES).expressionAttributeNames(Map.of("#status", AccountMapper.STATUS))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.accountsIndex(tenantId)))));
    }

    /** Ids of the billable accounts of one batch (e.g. {@code Batch7}). */
    public List<String> billableIdsInBatch(String tenantId, String batch) {
        return billable(q -> q.indexName(Keys.GSI1)
                .keyConditionExpression("GSI1PK = :pk AND begins_with(GSI1SK, :batch)")
                .projectionExpression(SELECTION_ATTRIBUTES).expressionAttributeNames(Map.of("#status", AccountMapper.STATUS))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.accountsIndex(tenantId)),
                        ":batch", AttributeValue.fromS(Keys.batchPrefix(batch)))));
    }

    /** Ids of the billable accounts whose bill cycle day is {@code billCycleDay}. */
    public List<String> billableIdsWithBillCycleDay(String tenantId, int billCycleDay) {
        return billable(q -> q.indexName(Keys.GSI2).keyConditionExpression("GSI2PK = :pk")
                .projectionExpression(SELECTION_ATTRIBUTES).expressionAttributeNames(Map.of("#status", AccountMapper.STATUS))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.billCycleDayIndex(tenantId, billCycleDay)))));
    }

    /** The accounts of {@code accountIds} that exist for this tenant (another tenant's ids find nothing). */
    public List<CustomerAccount> findAll(String tenantId, List<String> accountIds) {
        return table.getAll(accountIds.stream().map(id -> Keys.account(tenantId, id)).toList()).stream()
                .map(AccountMapper::fromItem).toList();
    }

    /**
     * The ids of the billable accounts a selection query finds, page after page: only the ids are kept (a million of
     * them are about 60 MB), never the items read.
     */
    private List<String> billable(Consumer<QueryRequest.Builder> query) {
        List<String> ids = new ArrayList<>();
        table.queryEach(query, item -> {
            if (item.enumValue(AccountMapper.STATUS, AccountStatus.class).billable()) {
                ids.add(item.string(AccountMapper.ACCOUNT_ID));
            }
        });
        return ids;
    }
}

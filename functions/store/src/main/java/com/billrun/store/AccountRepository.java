package com.billrun.store;

import com.billrun.core.AccountStatus;
import com.billrun.store.dynamodb.Conditions;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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

    /** Accounts whose unsettled invoices are looked up at once (one index query each) when several are read. */
    private static final int BALANCES_AT_ONCE = 16;

    private final Table table;
    private final PostGroups groups;

    public AccountRepository(Table table) {
        this.table = table;
        this.groups = new PostGroups(table);
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

    /**
     * The account, its balance whole: as stored, plus what its invoices posted by their post group owe until they
     * are settled (DATA-MODEL.md "Balances owed by post groups"; one query of its invoices).
     */
    public Optional<CustomerAccount> find(String tenantId, String accountId) {
        return table.get(Keys.account(tenantId, accountId)).map(AccountMapper::fromItem)
                .map(account -> wholeBalance(tenantId, account));
    }

    /**
     * The account's money, strongly consistent, for a writer that conditions on it (a payment, a credit note, a
     * void): its invoices posted by their post group are settled first ({@code PostGroups.settleItem}), so the balance
     * stored is the whole balance.
     */
    public Optional<AccountMoney> money(String tenantId, String accountId) {
        groups.settleAccount(tenantId, accountId);
        return Optional.ofNullable(AccountBalances.read(table, tenantId, List.of(accountId)).get(accountId));
    }

    /**
     * The account, its subscriptions and usage, from one strongly consistent query of its item collection (its
     * listing and subscription references are left out); empty when the account does not exist. What billing needs:
     * the account's balance is the one stored, without what its invoices posted by post group still add to it
     * ({@link #find} has the whole balance).
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

    /**
     * The accounts of {@code accountIds} that exist for this tenant (another tenant's ids find nothing), each balance
     * whole ({@link #find}: {@value #BALANCES_AT_ONCE} accounts' queries at once).
     */
    public List<CustomerAccount> findAll(String tenantId, List<String> accountIds) {
        List<CustomerAccount> stored = table.getAll(accountIds.stream().map(id -> Keys.account(tenantId, id)).toList())
                .stream().map(AccountMapper::fromItem).toList();
        Map<String, CustomerAccount> whole = new HashMap<>();
        BatchCalls.atOnce(BatchCalls.chunks(stored, 1), BALANCES_AT_ONCE, one -> List.of(wholeBalance(tenantId, one.getFirst())))
                .forEach(account -> whole.put(account.id(), account));
        return stored.stream().map(account -> whole.get(account.id())).toList();
    }

    /** The names of the accounts of {@code accountIds} that exist and have one, by id (what a listing shows of them). */
    public Map<String, String> names(String tenantId, List<String> accountIds) {
        Map<String, String> names = new HashMap<>();
        table.getAll(accountIds.stream().map(id -> Keys.account(tenantId, id)).toList(), "#accountId, #name",
                        Map.of("#accountId", AccountMapper.ACCOUNT_ID, "#name", "name"))
                .stream().filter(item -> item.string("name") != null)
                .forEach(item -> names.put(item.string(AccountMapper.ACCOUNT_ID), item.string("name")));
        return names;
    }

    /**
     * Ids of the billable accounts among {@code accountIds} (those that exist for this tenant), of one of
     * {@code batches} when there are any, in the order given: a selection's explicit ids, read without the balances.
     */
    public List<String> billableAmong(String tenantId, List<String> accountIds, Set<String> batches) {
        Set<String> billable = new HashSet<>();
        table.getAll(accountIds.stream().distinct().map(id -> Keys.account(tenantId, id)).toList(),
                        SELECTION_ATTRIBUTES + ", #batch", Map.of("#status", AccountMapper.STATUS, "#batch", "batch")).stream()
                .map(AccountMapper::fromItem)
                .filter(account -> account.status().billable())
                .filter(account -> batches.isEmpty() || batches.contains(account.batch()))
                .forEach(account -> billable.add(account.id()));
        return accountIds.stream().filter(billable::contains).distinct().toList();
    }

    private CustomerAccount wholeBalance(String tenantId, CustomerAccount stored) {
        BigDecimal unsettled = groups.unsettled(tenantId, stored.id()).total();
        return unsettled.signum() == 0 ? stored : stored.withBalance(stored.balance().add(unsettled));
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

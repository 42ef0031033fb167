package com.billrun.store;

import com.billrun.store.dynamodb.ItemKey;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The write of an account's new balance (and credits) inside a transaction. Balances are decimal strings, which
 * {@code ADD} cannot add, so the new value is written conditioned on the one read: whoever changed it in between (a
 * posting page, another payment, a credit note) cancels the transaction and the writer reads again. A write that
 * changes the credits also conditions on {@code creditVersion} and moves it on.
 */
final class AccountBalances {

    private static final String PROJECTION = "#accountId, #balance, #credits, #creditVersion";
    private static final Map<String, String> NAMES = Map.of("#accountId", AccountMapper.ACCOUNT_ID,
            "#balance", AccountMapper.BALANCE, "#credits", AccountMoney.CREDITS, "#creditVersion", AccountMoney.CREDIT_VERSION);

    private AccountBalances() {
    }

    /** @param read the balance as stored when read (null: never set) */
    static TransactWriteItem replace(Table table, String tenantId, String accountId, String read, BigDecimal balance) {
        return replace(table, tenantId, accountId, new AccountMoney(accountId, read, 0, List.of()), balance, null);
    }

    /**
     * @param credits the account's credits afterwards (those used up are dropped), or null to leave them as they are
     */
    static TransactWriteItem replace(Table table, String tenantId, String accountId, AccountMoney read,
                                     BigDecimal balance, List<StoredCredit> credits) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":balance", AttributeValue.fromS(balance.toPlainString())));
        Map<String, String> names = new HashMap<>(Map.of("#balance", AccountMapper.BALANCE));
        String stored = read.balanceStored();
        if (stored != null) {
            values.put(":read", AttributeValue.fromS(stored));
        }
        String update = "SET #balance = :balance";
        String condition = "attribute_exists(PK) AND " + (stored == null ? "attribute_not_exists(#balance)" : "#balance = :read");
        if (credits != null) {
            names.put("#credits", AccountMoney.CREDITS);
            names.put("#creditVersion", AccountMoney.CREDIT_VERSION);
            values.put(":credits", AccountMoney.creditsValue(credits));
            values.put(":nextVersion", AttributeValue.fromN(Long.toString(read.creditVersion() + 1)));
            update += ", #credits = :credits, #creditVersion = :nextVersion";
            if (read.creditVersion() == 0) {
                condition += " AND attribute_not_exists(#creditVersion)";
            } else {
                values.put(":version", AttributeValue.fromN(Long.toString(read.creditVersion())));
                condition += " AND #creditVersion = :version";
            }
        }
        return table.updateAction(Keys.account(tenantId, accountId), update, condition, names, values);
    }

    /** The balances and credits of the accounts, strongly consistent (absent accounts are left out). */
    static Map<String, AccountMoney> read(Table table, String tenantId, java.util.Collection<String> accountIds) {
        return read(table, tenantId, accountIds, true);
    }

    /**
     * As {@link #read(Table, String, java.util.Collection)}, or eventually consistent (half the read units) for a
     * writer whose write is conditioned on what it read anyway, so a stale read is refused, never written.
     */
    static Map<String, AccountMoney> read(Table table, String tenantId, java.util.Collection<String> accountIds,
                                          boolean consistent) {
        Map<String, AccountMoney> money = new HashMap<>();
        List<ItemKey> keys = accountIds.stream().map(id -> Keys.account(tenantId, id)).toList();
        (consistent ? table.getAll(keys, PROJECTION, NAMES) : table.getAllEventually(keys, PROJECTION, NAMES)).forEach(item -> {
            AccountMoney read = AccountMoney.of(item);
            money.put(read.accountId(), read);
        });
        return money;
    }
}

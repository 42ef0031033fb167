package com.billrun.store;

import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The write of an account's new balance inside a transaction. Balances are decimal strings, which {@code ADD}
 * cannot add, so the new value is written conditioned on the one read: whoever changed it in between (a posting
 * page, another payment) cancels the transaction and the writer reads again.
 */
final class AccountBalances {

    private AccountBalances() {
    }

    /** @param read the balance as stored when read (null: never set) */
    static TransactWriteItem replace(Table table, String tenantId, String accountId, String read, BigDecimal balance) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":balance", AttributeValue.fromS(balance.toPlainString())));
        if (read != null) {
            values.put(":read", AttributeValue.fromS(read));
        }
        return table.updateAction(Keys.account(tenantId, accountId), "SET #balance = :balance",
                "attribute_exists(PK) AND " + (read == null ? "attribute_not_exists(#balance)" : "#balance = :read"),
                Map.of("#balance", AccountMapper.BALANCE), values);
    }
}

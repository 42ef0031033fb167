package com.billrun.store;

import com.billrun.core.InvoiceStatus;
import com.billrun.core.PaymentAllocation;
import com.billrun.store.dynamodb.Conditions;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Payments and the balances they change (DATA-MODEL.md "Record a payment"): one transaction puts the payment,
 * sets each paid invoice's balance and the account's balance, every write conditioned on the value read. A posting
 * page or another payment that changed one of them in between cancels the whole transaction: nothing is half paid.
 */
public final class PaymentRepository {

    /** The payment and the account take two of a transaction's 100 actions. */
    public static final int MAX_INVOICES_PER_PAYMENT = 98;

    private final Table table;
    private final PostGroups groups;

    public PaymentRepository(Table table) {
        this.table = table;
        this.groups = new PostGroups(table);
    }

    /**
     * Records the payment with its allocations.
     *
     * @param invoiceBalancesRead each allocated invoice's balance as read (the condition of its write)
     * @param accountBalanceRead  the account's balance as stored when read (null: never set)
     * @return false when an invoice or the account changed since it was read (read again and apply again)
     */
    public boolean record(String tenantId, RecordedPayment payment, Map<String, BigDecimal> invoiceBalancesRead,
                          String accountBalanceRead) {
        return record(tenantId, payment, invoiceBalancesRead,
                new AccountMoney(payment.accountId(), accountBalanceRead, 0, List.of()), false);
    }

    /**
     * Records the payment with its allocations; its {@code unapplied} rest becomes account credit
     * ({@code PAYMENT-{paymentId}}), which posting applies to the account's next invoices.
     *
     * @param accountRead the account's balance and credits as read (the conditions of its write)
     * @return false when an invoice or the account changed since it was read (read again and apply again)
     */
    public boolean record(String tenantId, RecordedPayment payment, Map<String, BigDecimal> invoiceBalancesRead,
                          AccountMoney accountRead) {
        return record(tenantId, payment, invoiceBalancesRead, accountRead, true);
    }

    private boolean record(String tenantId, RecordedPayment payment, Map<String, BigDecimal> invoiceBalancesRead,
                           AccountMoney accountRead, boolean unappliedIsCredit) {
        if (payment.allocations().size() > MAX_INVOICES_PER_PAYMENT) {
            throw new IllegalArgumentException("a payment can be applied to at most " + MAX_INVOICES_PER_PAYMENT + " invoices");
        }
        // An invoice posted with its post group says so on its own item first: the writes below condition on it.
        payment.allocations().forEach(allocation -> groups.settleItem(tenantId, allocation.invoiceId()));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(table.putIfAbsentAction(PaymentMapper.toItem(tenantId, payment)));
        for (PaymentAllocation allocation : payment.allocations()) {
            writes.add(invoiceBalance(tenantId, allocation, invoiceBalancesRead.get(allocation.invoiceId())));
        }
        List<StoredCredit> credits = null;
        if (unappliedIsCredit && payment.unapplied().signum() > 0) {
            credits = new ArrayList<>(accountRead.credits());
            credits.add(StoredCredit.of(StoredCredit.Source.PAYMENT, payment.id(), payment.date(), payment.unapplied()));
        }
        writes.add(AccountBalances.replace(table, tenantId, payment.accountId(), accountRead, payment.accountBalance(), credits));
        try {
            table.transact(writes);
            return true;
        } catch (TransactionCanceledException changed) {
            if (Conditions.onlyConditionsFailed(changed) || Conditions.conflicted(changed)) {
                return false;
            }
            throw new TransientStoreException("payment " + payment.id() + " refused: " + changed.getMessage(), changed);
        }
    }

    /** The account's payments, oldest payment date first. */
    public Page<RecordedPayment> ofAccount(String tenantId, String accountId, String cursor, int limit) {
        Page<ItemReader> page = table.page(q -> q.keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.accountPartition(tenantId, accountId)),
                        ":prefix", AttributeValue.fromS(Keys.PAYMENT_PREFIX))), cursor, limit);
        return new Page<>(page.items().stream().map(PaymentMapper::fromItem).toList(), page.nextCursor());
    }

    private TransactWriteItem invoiceBalance(String tenantId, PaymentAllocation allocation, BigDecimal read) {
        return table.updateAction(Keys.invoice(tenantId, allocation.invoiceId()), "SET #balance = :balance",
                "#status = :posted AND #balance = :read",
                Map.of("#balance", InvoiceMapper.BALANCE, "#status", InvoiceMapper.STATUS),
                Map.of(":balance", s(allocation.newBalance().toPlainString()), ":read", s(read.toPlainString()),
                        ":posted", s(InvoiceStatus.POSTED.name())));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}

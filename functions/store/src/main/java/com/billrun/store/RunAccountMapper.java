package com.billrun.store;

import com.billrun.core.ChargedThroughDate;
import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.ItemKey;
import com.billrun.store.dynamodb.Keys;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link RunAccount} and {@link BillingFailure} items of a run's collection. A run's outcomes are {@code ACCT#} items
 * in its outcome shards, or, for a run whose outcomes are kept at their invoices' keys ({@link RunLayouts}), records at
 * the key of the account's invoice in the run ({@link InvoiceIds}) whether or not it has one (DATA-MODEL.md "Outcomes
 * at the invoice's key"): the draft itself, carrying its account's outcome, or an outcome without an invoice.
 */
final class RunAccountMapper {

    static final String ROLLED_BACK = "rolledBack";
    /** On a record at the invoice's key: the moves, each one string ({@link #move(String)}), and the failed count. */
    static final String MOVED = "moved";
    static final String FAILED_SUBSCRIPTIONS = "failedSubscriptions";
    private static final String OUTCOME = "outcome";

    private RunAccountMapper() {
    }

    /** @param shards the run's layout ({@link RunLayouts}) */
    static Map<String, AttributeValue> toItem(String tenantId, String billRunId, int shards, RunAccount outcome) {
        return Item.at(Keys.runAccount(tenantId, billRunId, shards, outcome.accountId()))
                .string("accountId", outcome.accountId())
                .string("outcome", outcome.outcome().name())
                .string("invoiceId", outcome.invoiceId())
                .string("currency", outcome.currency())
                .amount("total", outcome.total())
                .integer("failedSubscriptions", outcome.failedSubscriptions())
                .maps("moves", outcome.moves().stream().map(RunAccountMapper::move).toList())
                .bool(ROLLED_BACK, outcome.rolledBack() ? true : null)
                .build();
    }

    static RunAccount fromItem(ItemReader item) {
        Integer failedSubscriptions = item.integer("failedSubscriptions");
        return new RunAccount(item.string("accountId"), item.enumValue("outcome", AccountOutcome.class),
                item.string("invoiceId"), item.string("currency"), item.amount("total"),
                failedSubscriptions == null ? 0 : failedSubscriptions,
                item.maps("moves").stream().map(RunAccountMapper::move).toList(), item.bool(ROLLED_BACK));
    }

    /** The key of an account's record in a run that keeps its outcomes at their invoices' keys. */
    static ItemKey recordKey(String tenantId, String billRunId, String accountId) {
        return Keys.invoice(tenantId, InvoiceIds.of(billRunId, accountId));
    }

    /**
     * An outcome without an invoice (nothing to bill, failed, skipped) at its invoice's key: no {@code status}, so no
     * reader of invoices takes it for one, and listed in the run's index under {@code ACCT#{accountId}} (the accounts
     * tab; the invoiced accounts are listed by their post groups).
     *
     * @param shards the run's layout ({@link RunLayouts})
     */
    static Map<String, AttributeValue> outcomeRecord(String tenantId, String billRunId, int shards, RunAccount outcome) {
        if (outcome.invoiceId() != null) {
            throw new IllegalArgumentException("an invoiced outcome is kept on its draft: " + outcome.accountId());
        }
        String invoiceId = InvoiceIds.of(billRunId, outcome.accountId());
        return Item.at(recordKey(tenantId, billRunId, outcome.accountId()))
                .index2(Keys.runInvoicesIndex(tenantId, billRunId, shards, invoiceId),
                        Keys.RUN_ACCOUNT_PREFIX + Keys.id("accountId", outcome.accountId()))
                .string("tenantId", tenantId)
                .string("billRunId", billRunId)
                .string("accountId", outcome.accountId())
                .string(OUTCOME, outcome.outcome().name())
                .integer(FAILED_SUBSCRIPTIONS, outcome.failedSubscriptions() > 0 ? outcome.failedSubscriptions() : null)
                .strings(MOVED, outcome.moves().isEmpty() ? null : outcome.moves().stream().map(RunAccountMapper::moved).toList())
                .bool(ROLLED_BACK, outcome.rolledBack() ? true : null)
                .build();
    }

    /**
     * An invoiced account's draft carrying its outcome: the charged-through moves and the count of failed
     * subscriptions (only when there are some), a few dozen bytes that keep a draft under 1 KB where a second item
     * would cost two write units of its own.
     */
    static Map<String, AttributeValue> invoicedRecord(Map<String, AttributeValue> draft, RunAccount outcome) {
        Map<String, AttributeValue> item = new HashMap<>(draft);
        if (outcome.failedSubscriptions() > 0) {
            item.put(FAILED_SUBSCRIPTIONS, AttributeValue.fromN(Integer.toString(outcome.failedSubscriptions())));
        }
        if (!outcome.moves().isEmpty()) {
            item.put(MOVED, AttributeValue.fromL(outcome.moves().stream()
                    .map(move -> AttributeValue.fromS(moved(move))).toList()));
        }
        return item;
    }

    /** A record at the invoice's key as the outcome it holds: the draft's account invoiced, or its outcome alone. */
    static RunAccount fromRecord(ItemReader item) {
        Integer failed = item.integer(FAILED_SUBSCRIPTIONS);
        List<ChargedThroughDate> moves = item.strings(MOVED).stream().map(RunAccountMapper::move).toList();
        if (isInvoice(item)) {
            return new RunAccount(item.string("accountId"), AccountOutcome.INVOICED, item.string("invoiceId"),
                    item.string("currency"), item.amount("total"), failed == null ? 0 : failed, moves,
                    item.bool(ROLLED_BACK));
        }
        return new RunAccount(item.string("accountId"), item.enumValue(OUTCOME, AccountOutcome.class), null, null, null,
                failed == null ? 0 : failed, moves, item.bool(ROLLED_BACK));
    }

    /** Whether an item at an invoice's key is an invoice, not an outcome without one. */
    static boolean isInvoice(ItemReader item) {
        return item.has(InvoiceMapper.STATUS);
    }

    static Map<String, AttributeValue> failureItem(String tenantId, String billRunId, BillingFailure failure) {
        return Item.at(Keys.failure(tenantId, billRunId, failure.accountId(), failure.subscriptionId()))
                .string("accountId", failure.accountId())
                .string("subscriptionId", failure.subscriptionId())
                .string("field", failure.field())
                .string("reason", failure.reason())
                .build();
    }

    static BillingFailure failure(ItemReader item) {
        return new BillingFailure(item.string("accountId"), item.string("subscriptionId"), item.string("field"),
                item.string("reason"));
    }

    private static Map<String, AttributeValue> move(ChargedThroughDate move) {
        return Item.nested().string("subscriptionId", move.subscriptionId()).string("chargeId", move.chargeId())
                .date("previous", move.previous()).date("next", move.next()).build();
    }

    /** {@code {subscriptionId}#{chargeId}#{previous}#{next}}, {@code -} for no date: ids never hold {@code #} ({@link Keys#id}). */
    private static String moved(ChargedThroughDate move) {
        return String.join("#", Keys.id("subscriptionId", move.subscriptionId()), Keys.id("chargeId", move.chargeId()),
                date(move.previous()), date(move.next()));
    }

    private static ChargedThroughDate move(String moved) {
        String[] parts = moved.split("#", -1);
        return new ChargedThroughDate(parts[0], parts[1], date(parts[2]), date(parts[3]));
    }

    private static String date(LocalDate date) {
        return date == null ? "-" : date.toString();
    }

    private static LocalDate date(String date) {
        return date.equals("-") ? null : LocalDate.parse(date);
    }

    private static ChargedThroughDate move(ItemReader item) {
        return new ChargedThroughDate(item.string("subscriptionId"), item.string("chargeId"), item.date("previous"),
                item.date("next"));
    }
}

package com.billrun.store;

import com.billrun.core.ChargedThroughDate;
import com.billrun.core.InvoiceStatus;
import com.billrun.store.dynamodb.Conditions;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Corrections of posted invoices (DATA-MODEL.md "Void an invoice", "Issue a credit note"), each written in one
 * conditional transaction: the invoice, the account's balance (and credits) and whatever else the correction
 * changes commit together or not at all, every write conditioned on what was read.
 */
public final class InvoiceCorrections {

    /** How a correction's transaction ended. */
    public enum Outcome {
        DONE,
        /** The invoice, the account or the counter changed since they were read: read again and decide again. */
        CHANGED,
        /** A charge the invoice's run moved no longer holds that date: a later run billed past it (void with rebill). */
        BILLED_PAST
    }

    private final Table table;
    private final Counters counters;
    private final SubscriptionRepository subscriptions;
    private final RunLayouts layouts;
    private final PostGroups groups;

    public InvoiceCorrections(Table table) {
        this.table = table;
        this.counters = new Counters(table);
        this.subscriptions = new SubscriptionRepository(table);
        this.layouts = new RunLayouts(table);
        this.groups = new PostGroups(table);
    }

    /**
     * Voids a posted invoice no payment, credit note or account credit has touched (its balance still its total):
     * VOIDED, balance 0, out of the run's POSTED invoices, the account's balance lowered by its total. With
     * {@code rebillOutcome} (the invoice's run-account outcome) the run's charged-through moves for the account are
     * undone too, each conditioned on the charge still holding the date the run gave it, and the outcome marked
     * rolled back (it keeps its moves).
     */
    public Outcome voidInvoice(StoredInvoice invoice, AccountMoney accountRead, InvoiceAdjustments.Voided voided,
                               RunAccount rebillOutcome) {
        String tenantId = invoice.tenantId();
        String invoiceId = invoice.id();
        groups.settleItem(tenantId, invoiceId); // posted with its post group: its item says so first
        // A run that keeps its outcomes at their invoices' keys has the outcome on this very item (RunAccountMapper).
        boolean outcomeHere = rebillOutcome != null && layouts.outcomesAtInvoice(tenantId, invoice.billRunId());
        Map<String, String> names = new HashMap<>(Map.of("#status", InvoiceMapper.STATUS,
                "#balance", InvoiceMapper.BALANCE, "#voided", InvoiceMapper.VOIDED));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":voided", s(InvoiceStatus.VOIDED.name()),
                ":posted", s(InvoiceStatus.POSTED.name()),
                ":zero", s(BigDecimal.ZERO.setScale(invoice.invoice().total().scale()).toPlainString()),
                ":total", s(invoice.invoice().total().toPlainString()),
                ":sort", s(Keys.runInvoicesIndexSort(InvoiceStatus.VOIDED.name(), invoiceId)),
                ":record", AttributeValue.fromM(InvoiceMapper.voided(voided))));
        String update = "SET #status = :voided, #balance = :zero, GSI2SK = :sort, #voided = :record";
        String condition = "#status = :posted AND #balance = :total";
        if (outcomeHere) {
            names.put("#rolledBack", RunAccountMapper.ROLLED_BACK);
            values.put(":yes", AttributeValue.fromBool(true));
            update += ", #rolledBack = :yes";
            condition += " AND attribute_not_exists(#rolledBack)";
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(table.updateAction(Keys.invoice(tenantId, invoiceId), update, condition, names, values));
        writes.add(AccountBalances.replace(table, tenantId, invoice.invoice().accountId(), accountRead,
                accountRead.balance().subtract(invoice.invoice().total()), null));
        if (rebillOutcome != null && !outcomeHere) {
            writes.add(table.updateAction(Keys.runAccount(tenantId, invoice.billRunId(),
                            layouts.shards(tenantId, invoice.billRunId()), rebillOutcome.accountId()),
                    "SET #rolledBack = :yes", "attribute_exists(PK) AND attribute_not_exists(#rolledBack)",
                    Map.of("#rolledBack", RunAccountMapper.ROLLED_BACK), Map.of(":yes", AttributeValue.fromBool(true))));
        }
        int firstMove = writes.size();
        if (rebillOutcome != null) {
            bySubscription(rebillOutcome.moves()).forEach((subscriptionId, moves) -> writes.add(
                    subscriptions.rollbackAction(tenantId, rebillOutcome.accountId(), subscriptionId, moves)));
        }
        try {
            table.transact(writes);
            return Outcome.DONE;
        } catch (TransactionCanceledException refused) {
            for (int i = firstMove; i < writes.size(); i++) {
                if (Conditions.failed(refused, i)) {
                    return Outcome.BILLED_PAST;
                }
            }
            if (Conditions.onlyConditionsFailed(refused) || Conditions.conflicted(refused)) {
                return Outcome.CHANGED;
            }
            throw new TransientStoreException("void of invoice " + invoiceId + " refused: " + refused.getMessage(), refused);
        }
    }

    /**
     * Issues a credit note (its number {@code counterRead + 1} taken from the tenant's CREDIT_NOTE counter in the
     * same transaction): Put the note, the invoice's balance lowered by {@code appliedToInvoice} and its credited
     * amounts per line replaced (conditioned on {@code creditedVersion} and the balance read), the account's balance
     * lowered by the note's total and, when the note exceeds the invoice's balance, the rest added as account credit.
     */
    public Outcome issueCreditNote(StoredCreditNote note, StoredInvoice invoiceRead, Map<String, BigDecimal> creditedAfter,
                                   AccountMoney accountRead, long counterRead) {
        String tenantId = note.tenantId();
        groups.settleItem(tenantId, invoiceRead.id()); // posted with its post group: its item says so first
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(counters.advance(tenantId, Counters.CREDIT_NOTE, counterRead, 1));
        writes.add(table.putIfAbsentAction(CreditNoteMapper.toItem(note)));
        long version = invoiceRead.adjustments().creditedVersion();
        Map<String, AttributeValue> credited = new LinkedHashMap<>();
        creditedAfter.forEach((lineId, amount) -> credited.put(lineId, s(amount.toPlainString())));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":posted", s(InvoiceStatus.POSTED.name()),
                ":read", s(invoiceRead.balance().toPlainString()),
                ":balance", s(invoiceRead.balance().subtract(note.appliedToInvoice()).toPlainString()),
                ":credited", AttributeValue.fromM(credited), ":next", AttributeValue.fromN(Long.toString(version + 1))));
        String versionCondition = version == 0 ? "attribute_not_exists(#version)" : "#version = :version";
        if (version != 0) {
            values.put(":version", AttributeValue.fromN(Long.toString(version)));
        }
        writes.add(table.updateAction(Keys.invoice(tenantId, invoiceRead.id()),
                "SET #balance = :balance, #credited = :credited, #version = :next",
                "#status = :posted AND #balance = :read AND " + versionCondition,
                Map.of("#status", InvoiceMapper.STATUS, "#balance", InvoiceMapper.BALANCE,
                        "#credited", InvoiceMapper.CREDITED, "#version", InvoiceMapper.CREDITED_VERSION), values));
        List<StoredCredit> credits = null;
        if (note.toAccountCredit().signum() > 0) {
            credits = new ArrayList<>(accountRead.credits());
            credits.add(StoredCredit.of(StoredCredit.Source.CREDIT_NOTE, note.id(), note.date(), note.toAccountCredit()));
        }
        writes.add(AccountBalances.replace(table, tenantId, note.accountId(), accountRead,
                accountRead.balance().subtract(note.total()), credits));
        try {
            table.transact(writes);
            return Outcome.DONE;
        } catch (TransactionCanceledException refused) {
            if (Conditions.onlyConditionsFailed(refused) || Conditions.conflicted(refused)) {
                return Outcome.CHANGED;
            }
            throw new TransientStoreException("credit note on invoice " + invoiceRead.id() + " refused: "
                    + refused.getMessage(), refused);
        }
    }

    private static Map<String, List<ChargedThroughDate>> bySubscription(List<ChargedThroughDate> moves) {
        Map<String, List<ChargedThroughDate>> grouped = new LinkedHashMap<>();
        moves.forEach(move -> grouped.computeIfAbsent(move.subscriptionId(), id -> new ArrayList<>()).add(move));
        return grouped;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}

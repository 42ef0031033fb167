package com.billrun.store;

import com.billrun.core.BillingDataException;
import com.billrun.core.ChargedThroughDate;
import com.billrun.core.InvoiceStatus;
import com.billrun.store.dynamodb.Conditions;
import com.billrun.store.dynamodb.ItemKey;
import com.billrun.store.dynamodb.ItemSize;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The writes that keep money right for one account of one run (DATA-MODEL.md "The writes that keep money right"),
 * each a single DynamoDB transaction, all or nothing:
 * <ul>
 *   <li>{@link #record}: the run-account outcome (only if absent), the draft invoice (only if absent; its id comes
 *       from run + account; for a run that keeps its outcomes at their invoices' keys, the draft carries the outcome,
 *       or the outcome alone sits at the invoice's key: {@link RunAccountMapper}), every touched subscription's charged-through dates (only if still at the version that
 *       was read), and the failures of its subscriptions; for a run that posts by post group, the transaction's
 *       drafts' post group too ({@link PostGroups});</li>
 *   <li>{@link #rollback}: for a cancelled run, the draft invoice → CANCELED and the moves undone (only if the
 *       charges still hold the dates this run set).</li>
 * </ul>
 */
public final class AccountBillingWriter {

    /** TransactWriteItems takes at most 100 actions. */
    static final int MAX_ACTIONS = 100;
    /** Well inside the 4 MB a transaction may carry, whatever the size of the invoices in it. */
    static final long GROUP_BYTES = 1_000_000;
    /** What a draft adds to a transaction of a run that posts by post group: its seat, its id in the group item. */
    private static final long SEAT_BYTES = 200;

    /** How a {@link #record} ended. */
    public enum Recorded {
        /** Everything was written. */
        WRITTEN,
        /** This run already recorded this account (a redelivered message, a retried Lambda): nothing written. */
        ALREADY_RECORDED,
        /**
         * A subscription changed since it was read (e.g. a concurrent run billed it), or another transaction held
         * one of the items at that moment: read again and bill again.
         */
        STALE
    }

    /** How a {@link #rollback} ended. */
    public enum RolledBack { DONE, ALREADY_DONE, MOVED_ON }

    private final Table table;
    private final SubscriptionRepository subscriptions;
    private final RunLayouts layouts;

    public AccountBillingWriter(Table table) {
        this.table = table;
        this.subscriptions = new SubscriptionRepository(table);
        this.layouts = new RunLayouts(table);
    }

    /**
     * One account's result of a run, as {@link #record} or {@link #recordTogether} writes it.
     *
     * @param invoice the draft, or null when nothing was due
     * @param read    the account as it was read, for the subscriptions' versions (null for a FAILED account)
     */
    public record AccountRecord(RunAccount outcome, StoredInvoice invoice, AccountBillingData read,
                                List<BillingFailure> failures) {

        public AccountRecord {
            failures = List.copyOf(failures);
        }
    }

    /**
     * Records one account's result in one transaction.
     *
     * @param invoice  the draft, or null when nothing was due
     * @param read     the account as it was read, for the subscriptions' versions
     * @throws BillingDataException when the account touches more subscriptions than one transaction can hold
     */
    public Recorded record(String tenantId, String billRunId, RunAccount outcome, StoredInvoice invoice,
                           AccountBillingData read, List<BillingFailure> failures) {
        List<TransactWriteItem> actions = groupActions(tenantId, billRunId, layouts.layout(tenantId, billRunId),
                List.of(new AccountRecord(outcome, invoice, read, failures)));
        if (actions.size() > MAX_ACTIONS) {
            throw new BillingDataException("subscriptions", "%d writes exceed the %d of one transaction; split the account"
                    .formatted(actions.size(), MAX_ACTIONS));
        }
        try {
            table.transact(actions);
            return Recorded.WRITTEN;
        } catch (TransactionCanceledException refused) {
            // The account's outcome comes first; without a record at the invoice's key, its draft second.
            boolean separateDraft = invoice != null && !layouts.outcomesAtInvoice(tenantId, billRunId);
            if (Conditions.failed(refused, 0) || (separateDraft && Conditions.failed(refused, 1))) {
                return Recorded.ALREADY_RECORDED;
            }
            if (Conditions.onlyConditionsFailed(refused) || Conditions.conflicted(refused)) {
                return Recorded.STALE;
            }
            throw new TransientStoreException("transaction conflict on account " + outcome.accountId(), refused);
        }
    }

    /**
     * Records several accounts of one run in as few transactions as hold them (≤ 100 actions and about
     * {@value #GROUP_BYTES} bytes each), with exactly the writes and conditions {@link #record} gives each account.
     * This is the common case of a batch, where nobody else touches its accounts: one round trip instead of one per
     * account (on DynamoDB Local, 2.3 times the accounts per second for groups of 24). A transaction that is refused,
     * whatever the reason (an account already recorded by a duplicate delivery, a subscription a concurrent run
     * moved, a conflict), writes nothing; its accounts are returned for the caller to read and record one by one
     * through {@link #record}, which tells those cases apart.
     *
     * @return the records that were not written (empty when all were)
     */
    public List<AccountRecord> recordTogether(String tenantId, String billRunId, List<AccountRecord> records) {
        List<AccountRecord> notWritten = new ArrayList<>();
        if (records.isEmpty()) {
            return notWritten;
        }
        RunLayouts.Layout layout = layouts.layout(tenantId, billRunId);
        // A run that posts by post group writes one more item per transaction: its group (PostGroups).
        int maxActions = layout.grouped() ? MAX_ACTIONS - 1 : MAX_ACTIONS;
        List<AccountRecord> group = new ArrayList<>();
        int actions = 0;
        long bytes = 0;
        for (AccountRecord record : records) {
            List<TransactWriteItem> own = actions(tenantId, billRunId, layout, record, null);
            long ownBytes = own.stream().mapToLong(ItemSize::of).sum() + SEAT_BYTES;
            if (own.size() > maxActions || ownBytes > GROUP_BYTES) {
                notWritten.add(record);
                continue;
            }
            if (actions + own.size() > maxActions || bytes + ownBytes > GROUP_BYTES) {
                writeGroup(tenantId, billRunId, layout, group, notWritten);
                group = new ArrayList<>();
                actions = 0;
                bytes = 0;
            }
            group.add(record);
            actions += own.size();
            bytes += ownBytes;
        }
        writeGroup(tenantId, billRunId, layout, group, notWritten);
        return notWritten;
    }

    private void writeGroup(String tenantId, String billRunId, RunLayouts.Layout layout, List<AccountRecord> group,
                            List<AccountRecord> notWritten) {
        if (group.isEmpty()) {
            return;
        }
        try {
            table.transact(groupActions(tenantId, billRunId, layout, group));
        } catch (DynamoDbException refused) {
            // Cancelled, or refused outright (an item over 400 KB): alone, each account meets its own fate.
            notWritten.addAll(group);
        }
    }

    /**
     * The writes of accounts recorded in one transaction: each account's ({@link #actions}), and for a run that posts
     * by post group, the group of the transaction's drafts (DATA-MODEL.md "Post groups"): its id is its first draft's,
     * each draft's rank its place among them.
     */
    private List<TransactWriteItem> groupActions(String tenantId, String billRunId, RunLayouts.Layout layout,
                                                 List<AccountRecord> records) {
        List<String> drafts = records.stream().filter(record -> record.invoice() != null)
                .map(record -> record.invoice().id()).toList();
        boolean grouped = layout.grouped() && !drafts.isEmpty();
        String groupId = grouped ? groupId(drafts, records.size() == 1) : null;
        List<TransactWriteItem> actions = new ArrayList<>();
        for (AccountRecord record : records) {
            InvoiceMapper.GroupSeat seat = grouped && record.invoice() != null
                    ? new InvoiceMapper.GroupSeat(groupId, drafts.indexOf(record.invoice().id())) : null;
            actions.addAll(actions(tenantId, billRunId, layout, record, seat));
        }
        if (grouped) {
            actions.add(table.putIfAbsentAction(PostGroups.item(tenantId, billRunId, groupId, drafts)));
        }
        return actions;
    }

    /**
     * A post group's id, carried by each of its drafts: for an account recorded alone, its invoice's id; for a
     * transaction of several, the first 16 hex digits of its first draft's id (64 bits: the 20 bytes saved on every
     * draft keep it under 1 KB). Two groups of one run with the same id cannot both be written (the group's Put is
     * conditioned on absence): the second transaction is refused and its accounts are recorded one by one.
     */
    private static String groupId(List<String> drafts, boolean alone) {
        String first = drafts.getFirst();
        if (alone) {
            return first;
        }
        String hex = first.replace("-", "");
        return hex.length() > 16 ? hex.substring(0, 16) : hex;
    }

    private List<TransactWriteItem> actions(String tenantId, String billRunId, RunLayouts.Layout layout,
                                            AccountRecord record, InvoiceMapper.GroupSeat seat) {
        RunAccount outcome = record.outcome();
        StoredInvoice invoice = record.invoice();
        List<TransactWriteItem> actions = new ArrayList<>();
        if (layout.outcomesAtInvoice()) {
            // One record at the key of the account's invoice in the run: its draft carrying its outcome, or the
            // outcome alone (DATA-MODEL.md "Outcomes at the invoice's key").
            if (invoice != null && !invoice.invoice().id().equals(InvoiceIds.of(billRunId, outcome.accountId()))) {
                throw new IllegalArgumentException("a draft's id comes from its run and account: " + invoice.invoice().id());
            }
            actions.add(table.putIfAbsentAction(invoice != null
                    ? RunAccountMapper.invoicedRecord(InvoiceMapper.toItem(invoice, layout.shards(), seat), outcome)
                    : RunAccountMapper.outcomeRecord(tenantId, billRunId, layout.shards(), outcome)));
        } else {
            actions.add(table.putIfAbsentAction(RunAccountMapper.toItem(tenantId, billRunId, layout.shards(), outcome)));
            if (invoice != null) {
                actions.add(table.putIfAbsentAction(InvoiceMapper.toItem(invoice, layout.shards(), seat)));
            }
        }
        bySubscription(outcome.moves()).forEach((subscriptionId, moves) -> actions.add(subscriptions.chargedThroughAction(
                tenantId, outcome.accountId(), subscriptionId, versionRead(record.read(), subscriptionId), moves)));
        record.failures().forEach(failure -> actions.add(table.putAction(RunAccountMapper.failureItem(tenantId, billRunId, failure))));
        return actions;
    }

    /**
     * Closes an account of a cancelled run that the run has not billed: its outcome becomes SKIPPED (only if the
     * account has none), so a straggling worker of that run can no longer bill it (its outcome Put is refused).
     *
     * @return false when the account already has an outcome (billed meanwhile: roll it back instead)
     */
    public boolean skip(String tenantId, String billRunId, String accountId) {
        RunLayouts.Layout layout = layouts.layout(tenantId, billRunId);
        RunAccount skipped = RunAccount.skipped(accountId);
        return table.putIfAbsent(layout.outcomesAtInvoice()
                ? RunAccountMapper.outcomeRecord(tenantId, billRunId, layout.shards(), skipped)
                : RunAccountMapper.toItem(tenantId, billRunId, layout.shards(), skipped));
    }

    /** Undoes one account of a cancelled run: its draft invoice cancelled and its charged-through moves reversed. */
    public RolledBack rollback(String tenantId, String billRunId, RunAccount outcome) {
        if (outcome.rolledBack()) {
            return RolledBack.ALREADY_DONE;
        }
        List<TransactWriteItem> actions = new ArrayList<>();
        boolean atInvoice = layouts.outcomesAtInvoice(tenantId, billRunId);
        if (atInvoice) {
            actions.add(rollbackRecordAction(tenantId, billRunId, outcome));
        } else {
            actions.add(table.updateAction(Keys.runAccount(tenantId, billRunId, layouts.shards(tenantId, billRunId),
                            outcome.accountId()),
                    "SET #rolledBack = :yes", "attribute_exists(PK) AND attribute_not_exists(#rolledBack)",
                    Map.of("#rolledBack", RunAccountMapper.ROLLED_BACK), Map.of(":yes", AttributeValue.fromBool(true))));
            if (outcome.invoiceId() != null) {
                actions.add(cancelDraftAction(tenantId, outcome.invoiceId()));
            }
        }
        bySubscription(outcome.moves()).forEach((subscriptionId, moves) ->
                actions.add(subscriptions.rollbackAction(tenantId, outcome.accountId(), subscriptionId, moves)));
        try {
            table.transact(actions);
            return RolledBack.DONE;
        } catch (TransactionCanceledException refused) {
            if (Conditions.failed(refused, 0)) {
                // At the invoice's key one condition says both: rolled back already, or a draft no longer one.
                return !atInvoice || table.get(RunAccountMapper.recordKey(tenantId, billRunId, outcome.accountId()))
                        .map(item -> item.bool(RunAccountMapper.ROLLED_BACK)).orElse(false)
                        ? RolledBack.ALREADY_DONE : RolledBack.MOVED_ON;
            }
            if (Conditions.onlyConditionsFailed(refused)) {
                return RolledBack.MOVED_ON;
            }
            throw new TransientStoreException("transaction conflict on account " + outcome.accountId(), refused);
        }
    }

    /**
     * Whether {@link #rollback} can still undo this account: every charge the run moved still holds the date the
     * run gave it (no later run billed past it).
     */
    public boolean canRollBack(String tenantId, RunAccount outcome) {
        return bySubscription(outcome.moves()).entrySet().stream().allMatch(moved -> subscriptions
                .find(tenantId, outcome.accountId(), moved.getKey())
                .map(current -> moved.getValue().stream().allMatch(move -> holds(current, move)))
                .orElse(false));
    }

    private static boolean holds(StoredSubscription current, ChargedThroughDate move) {
        return current.subscription().charges().stream()
                .anyMatch(charge -> charge.id().equals(move.chargeId())
                        && Objects.equals(charge.chargedThroughDate(), move.next()));
    }

    /**
     * The rollback of an account's record at its invoice's key: rolled back (only once), its draft if it has one
     * CANCELED (only while a draft).
     */
    private TransactWriteItem rollbackRecordAction(String tenantId, String billRunId, RunAccount outcome) {
        ItemKey key = RunAccountMapper.recordKey(tenantId, billRunId, outcome.accountId());
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":yes", AttributeValue.fromBool(true)));
        Map<String, String> names = new HashMap<>(Map.of("#rolledBack", RunAccountMapper.ROLLED_BACK));
        String update = "SET #rolledBack = :yes";
        String condition = "attribute_exists(PK) AND attribute_not_exists(#rolledBack)";
        if (outcome.invoiceId() != null) {
            names.put("#status", InvoiceMapper.STATUS);
            values.put(":canceled", AttributeValue.fromS(InvoiceStatus.CANCELED.name()));
            values.put(":draft", AttributeValue.fromS(InvoiceStatus.DRAFT.name()));
            update += ", #status = :canceled";
            condition += " AND #status = :draft";
        }
        return table.updateAction(key, update, condition, names, values);
    }

    private TransactWriteItem cancelDraftAction(String tenantId, String invoiceId) {
        return table.updateAction(Keys.invoice(tenantId, invoiceId), "SET #status = :canceled, GSI2SK = :sort",
                "#status = :draft", Map.of("#status", InvoiceMapper.STATUS),
                Map.of(":canceled", AttributeValue.fromS(InvoiceStatus.CANCELED.name()),
                        ":draft", AttributeValue.fromS(InvoiceStatus.DRAFT.name()),
                        ":sort", AttributeValue.fromS(Keys.runInvoicesIndexSort(InvoiceStatus.CANCELED.name(), invoiceId))));
    }

    private static long versionRead(AccountBillingData read, String subscriptionId) {
        return read.subscription(subscriptionId)
                .orElseThrow(() -> new IllegalArgumentException("moves of unknown subscription " + subscriptionId))
                .version();
    }

    private static Map<String, List<ChargedThroughDate>> bySubscription(List<ChargedThroughDate> moves) {
        Map<String, List<ChargedThroughDate>> grouped = new LinkedHashMap<>();
        moves.forEach(move -> grouped.computeIfAbsent(move.subscriptionId(), id -> new ArrayList<>()).add(move));
        return grouped;
    }
}

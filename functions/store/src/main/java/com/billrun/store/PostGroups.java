package com.billrun.store;

import com.billrun.core.DocumentNumbers;
import com.billrun.core.Invoice;
import com.billrun.core.InvoiceStatus;
import com.billrun.store.dynamodb.Conditions;
import com.billrun.store.dynamodb.ItemKey;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Post groups (DATA-MODEL.md "Post groups"). A run that posts by post group ({@link RunLayouts}) writes, in each
 * generate transaction that holds drafts, one group item naming them in rank order ({@code invoiceIds}); each draft
 * carries its group and rank ({@link InvoiceMapper.GroupSeat}). Posting a group writes only the group item's
 * {@code posted} record (the number of its first invoice, the number format, when), not its invoices: a draft of a
 * posted group IS posted, with the number {@code first + rank}. Every read of an invoice goes through
 * {@link #settled}, so no reader sees the difference; a writer that changes a posted invoice first makes its item say
 * so ({@link #settleItem}), so that its conditions on the item hold as for any posted invoice. Nor does the page write
 * those invoices' accounts: what they owe is added to an account's balance when they are settled, and until then
 * every read of the balance adds it ({@link #unsettled}; DATA-MODEL.md "Balances owed by post groups").
 */
final class PostGroups {

    static final String INVOICE_IDS = "invoiceIds";
    static final String POSTED = "posted";
    private static final String OWED = "owed";

    /**
     * How a posted group numbered its invoices: rank r has number {@code first + r}, in the block's format.
     * {@code owed}: its page did not write its invoices' accounts, so what they owe is added to each balance when the
     * invoice is settled, and by every read of the balance until then (DATA-MODEL.md "Balances owed by post groups");
     * false for a group posted before that change, whose page wrote the balances.
     */
    record Posted(long first, String prefix, int digits, Instant at, boolean owed) {

        String number(int rank) {
            return DocumentNumbers.format(prefix, digits, first + rank);
        }

        AttributeValue toAttribute() {
            Map<String, AttributeValue> record = new HashMap<>(Map.of("first", AttributeValue.fromN(Long.toString(first)),
                    "prefix", AttributeValue.fromS(prefix), "digits", AttributeValue.fromN(Integer.toString(digits)),
                    "at", AttributeValue.fromS(at.toString())));
            if (owed) {
                record.put(OWED, AttributeValue.fromBool(true));
            }
            return AttributeValue.fromM(record);
        }

        static Posted of(ItemReader item) {
            return new Posted(item.numberOrZero("first"), item.string("prefix"), (int) item.numberOrZero("digits"),
                    item.instant("at"), item.bool(OWED));
        }
    }

    private static final int SETTLE_ATTEMPTS = 10;

    private final Table table;

    PostGroups(Table table) {
        this.table = table;
    }

    /** A group's item as its generate transaction writes it (only if absent). */
    static Map<String, AttributeValue> item(String tenantId, String billRunId, String groupId, List<String> invoiceIds) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.postGroup(tenantId, billRunId, groupId).toAttributes());
        item.put(INVOICE_IDS, AttributeValue.fromL(invoiceIds.stream().map(AttributeValue::fromS).toList()));
        return item;
    }

    static String groupId(ItemReader groupItem) {
        return groupItem.string("SK").substring(Keys.POST_GROUP_PREFIX.length());
    }

    /** The invoice as posting left it (see the class comment). */
    StoredInvoice settled(ItemReader item) {
        return settled(List.of(item)).getFirst();
    }

    /** The invoices as posting left them, in the order given: one batch read of the groups of their drafts. */
    List<StoredInvoice> settled(List<ItemReader> items) {
        return settled(items, postedGroups(items));
    }

    /** The invoices as posting left them, in the order given, by their groups' {@code posted} records already read. */
    static List<StoredInvoice> settled(List<ItemReader> items, Map<String, Posted> posted) {
        return items.stream().map(item -> {
            StoredInvoice stored = InvoiceMapper.fromItem(item);
            Posted group = grouped(item) ? posted.get(item.string(InvoiceMapper.POST_GROUP)) : null;
            return group == null ? stored : posted(stored, group, item.integer(InvoiceMapper.POST_GROUP_RANK));
        }).toList();
    }

    /**
     * The {@code posted} record of each group of these items' drafts that is posted, by group id. (A draft's status
     * and group are enough: the projections that list drafts without their lines read them too.)
     */
    Map<String, Posted> postedGroups(List<ItemReader> items) {
        Set<ItemKey> keys = new LinkedHashSet<>();
        items.stream().filter(PostGroups::grouped).forEach(item -> keys.add(Keys.postGroup(item.string("tenantId"),
                item.string("billRunId"), item.string(InvoiceMapper.POST_GROUP))));
        return keys.isEmpty() ? Map.of()
                : postedOf(table.getAll(List.copyOf(keys), "SK, #posted", Map.of("#posted", POSTED)));
    }

    /** The {@code posted} record of each of these group items that has one, by group id. */
    static Map<String, Posted> postedOf(List<ItemReader> groupItems) {
        Map<String, Posted> posted = new HashMap<>();
        groupItems.stream().filter(group -> group.has(POSTED))
                .forEach(group -> posted.put(groupId(group), Posted.of(ItemReader.of(group.map(POSTED)))));
        return posted;
    }

    /** The status posting gave an item (status, group and rank read): POSTED for a draft of a posted group. */
    static InvoiceStatus status(ItemReader item, Map<String, Posted> posted) {
        InvoiceStatus stored = item.enumValue(InvoiceMapper.STATUS, InvoiceStatus.class);
        return grouped(item) && posted.containsKey(item.string(InvoiceMapper.POST_GROUP)) ? InvoiceStatus.POSTED : stored;
    }

    /**
     * Makes a posted group's draft say POSTED on its own item, with its number and its posting time, and, when its
     * group's page did not write the balances ({@link Posted#owed}), adds its total to its account's balance, in one
     * transaction (DATA-MODEL.md "Balances owed by post groups"): before a
     * writer changes the invoice (a payment, a credit note, a void: they condition on the item) or the account's money
     * ({@link AccountRepository#money}). The draft's condition (still a draft of its group) makes it happen once.
     * Does nothing for any other invoice, or when another writer settled it first.
     */
    void settleItem(String tenantId, String invoiceId) {
        for (int attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
            Optional<ItemReader> read = table.get(Keys.invoice(tenantId, invoiceId)).filter(PostGroups::grouped);
            if (read.isEmpty()) {
                return;
            }
            ItemReader item = read.get();
            Posted group = postedGroups(List.of(item)).get(item.string(InvoiceMapper.POST_GROUP));
            if (group == null) {
                return;
            }
            TransactWriteItem draft = table.updateAction(Keys.invoice(tenantId, invoiceId),
                    "SET #status = :posted, #number = :number, #postedAt = :at", "#status = :draft AND #group = :group",
                    Map.of("#status", InvoiceMapper.STATUS, "#number", InvoiceMapper.NUMBER,
                            "#postedAt", InvoiceMapper.POSTED_AT, "#group", InvoiceMapper.POST_GROUP),
                    Map.of(":posted", AttributeValue.fromS(InvoiceStatus.POSTED.name()),
                            ":draft", AttributeValue.fromS(InvoiceStatus.DRAFT.name()),
                            ":number", AttributeValue.fromS(group.number(item.integer(InvoiceMapper.POST_GROUP_RANK))),
                            ":at", AttributeValue.fromS(group.at().toString()),
                            ":group", AttributeValue.fromS(item.string(InvoiceMapper.POST_GROUP))));
            List<TransactWriteItem> writes = new ArrayList<>(List.of(draft));
            if (group.owed()) {
                String accountId = item.string("accountId");
                AccountMoney money = AccountBalances.read(table, tenantId, List.of(accountId)).get(accountId);
                if (money == null) {
                    throw new PostingException("invoice %s cannot be settled: its account %s does not exist"
                            .formatted(invoiceId, accountId));
                }
                writes.add(AccountBalances.replace(table, tenantId, accountId, money.balanceStored(),
                        money.balance().add(item.amount("total"))));
            }
            try {
                table.transact(writes);
                return;
            } catch (TransactionCanceledException refused) {
                if (Conditions.failed(refused, 0)) {
                    return; // another writer settled it (or posting itself did, for an invoice that took credit)
                }
                // The account's balance moved since it was read: read both again.
            }
        }
        throw new TransientStoreException("could not settle invoice " + invoiceId + ": its account kept changing", null);
    }

    /**
     * What an account owes by invoices posted by their group whose items do not say so yet (their totals are not in
     * the account's stored balance: DATA-MODEL.md "Balances owed by post groups"), and their ids. The account's index
     * lists the candidates (drafts with a group), their groups say which are posted, and their items, read again
     * consistently, which are still unsettled.
     */
    Unsettled unsettled(String tenantId, String accountId) {
        Map<String, String> names = Map.of("#status", InvoiceMapper.STATUS, "#group", InvoiceMapper.POST_GROUP,
                "#rank", InvoiceMapper.POST_GROUP_RANK, "#total", "total", "#tenantId", "tenantId",
                "#billRunId", "billRunId", "#invoiceId", "invoiceId");
        String projection = "#invoiceId, #tenantId, #billRunId, #status, #group, #rank, #total";
        List<ItemReader> candidates = table.queryAll(q -> q.indexName(Keys.GSI1).keyConditionExpression("GSI1PK = :pk")
                .filterExpression("#status = :draft AND attribute_exists(#group)")
                .projectionExpression(projection).expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(Keys.accountInvoicesIndex(tenantId, accountId)),
                        ":draft", AttributeValue.fromS(InvoiceStatus.DRAFT.name()))));
        Map<String, Posted> posted = postedGroups(candidates);
        List<ItemKey> keys = candidates.stream().filter(item -> status(item, posted) == InvoiceStatus.POSTED
                        && posted.get(item.string(InvoiceMapper.POST_GROUP)).owed())
                .map(item -> Keys.invoice(tenantId, item.string("invoiceId"))).toList();
        if (keys.isEmpty()) {
            return Unsettled.NONE;
        }
        List<ItemReader> current = table.getAll(keys, projection, names).stream().filter(PostGroups::grouped).toList();
        return new Unsettled(current.stream().map(item -> item.string("invoiceId")).sorted().toList(),
                current.stream().map(item -> item.amount("total")).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    /** An account's invoices posted by their group and not settled yet, and what they add to its balance. */
    record Unsettled(List<String> invoiceIds, BigDecimal total) {

        static final Unsettled NONE = new Unsettled(List.of(), BigDecimal.ZERO);
    }

    /** Settles every invoice of the account that its group posted and its item does not say so yet. */
    void settleAccount(String tenantId, String accountId) {
        unsettled(tenantId, accountId).invoiceIds().forEach(invoiceId -> settleItem(tenantId, invoiceId));
    }

    /** A draft that its item says is in a post group. */
    static boolean grouped(ItemReader item) {
        return item.has(InvoiceMapper.POST_GROUP)
                && InvoiceStatus.DRAFT.name().equals(item.string(InvoiceMapper.STATUS));
    }

    private static StoredInvoice posted(StoredInvoice draft, Posted group, Integer rank) {
        Invoice invoice = draft.invoice();
        Invoice posted = new Invoice(invoice.id(), invoice.accountId(), invoice.currency(), InvoiceStatus.POSTED,
                invoice.invoiceDate(), invoice.dueDate(), invoice.items(), invoice.subtotal(), invoice.taxTotal(),
                invoice.total());
        InvoiceAdjustments adjustments = draft.adjustments();
        return new StoredInvoice(draft.tenantId(), draft.billRunId(), posted, group.number(rank == null ? 0 : rank),
                draft.balance(), new InvoiceAdjustments(group.at(), adjustments.credited(), adjustments.creditedVersion(),
                adjustments.creditApplications(), adjustments.voided()));
    }
}

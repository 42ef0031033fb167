package com.billrun.store;

import com.billrun.core.InvoiceBalance;
import com.billrun.core.InvoiceStatus;
import com.billrun.store.dynamodb.ItemKey;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.ShardedQuery;
import com.billrun.store.dynamodb.Table;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads of invoices: by id, a run's invoices (the invoices tab, or only its drafts for posting) and an account's.
 * Drafts are written by {@link AccountBillingWriter} together with the charged-through moves. Every invoice read is
 * as posting left it: a draft of a posted post group is POSTED, with its number ({@link PostGroups}).
 */
public final class InvoiceRepository {

    /** What emailing needs of a run's invoice: its id, account and total, read without the lines. */
    public record InvoiceTotal(String invoiceId, String accountId, String currency, BigDecimal total) {
    }

    /** BatchGetItem calls at once when a whole grouped run is read (its totals to email it). */
    private static final int READS_AT_ONCE = 16;
    /** The cursor's field for the drafts of a post group already listed (a page that ended inside the group). */
    private static final String SKIP = "skip";
    /** What the listings without lines read of an invoice to tell its status (PostGroups). */
    private static final String STATUS_ATTRIBUTES = "#tenantId, #billRunId, #status, #group, #rank";
    private static final Map<String, String> STATUS_NAMES = Map.of("#tenantId", "tenantId", "#billRunId", "billRunId",
            "#status", InvoiceMapper.STATUS, "#group", InvoiceMapper.POST_GROUP, "#rank", InvoiceMapper.POST_GROUP_RANK);

    private final Table table;
    private final RunLayouts layouts;
    private final PostGroups groups;

    public InvoiceRepository(Table table) {
        this.table = table;
        this.layouts = new RunLayouts(table);
        this.groups = new PostGroups(table);
    }

    public Optional<StoredInvoice> find(String tenantId, String invoiceId) {
        // At an invoice's key may sit an outcome without an invoice (RunAccountMapper): not an invoice.
        return table.get(Keys.invoice(tenantId, invoiceId)).filter(RunAccountMapper::isInvoice).map(groups::settled);
    }

    public StoredInvoice get(String tenantId, String invoiceId) {
        return find(tenantId, invoiceId).orElseThrow(() -> new NotFoundException("invoice", invoiceId));
    }

    /** The run's invoices, whatever their status, grouped by status then id. */
    public Page<StoredInvoice> ofRun(String tenantId, String billRunId, String cursor, int limit) {
        return runInvoices(tenantId, billRunId, "", cursor, limit);
    }

    /**
     * The run's invoices in {@code status}. Posting one by one changes an invoice's index key from {@code DRAFT#} to
     * {@code POSTED#}; posting by post group does not (PostGroups): a run that posts by group is read whole and its
     * invoices kept by status, so a page may hold fewer than {@code limit} (even none) before its cursor.
     */
    public Page<StoredInvoice> ofRun(String tenantId, String billRunId, InvoiceStatus status, String cursor, int limit) {
        if (!layouts.grouped(tenantId, billRunId)) {
            return runInvoices(tenantId, billRunId, status.name() + "#", cursor, limit);
        }
        Page<StoredInvoice> page = runInvoices(tenantId, billRunId, "", cursor, limit);
        return new Page<>(page.items().stream().filter(invoice -> invoice.invoice().status() == status).toList(),
                page.nextCursor());
    }

    /**
     * Every DRAFT invoice id of a run that does not post by post group, in the index's order (by invoice id: run
     * order), following the index's pages of each of the run's shards, merged. The index lags the table a little: the
     * caller re-reads what it lists.
     */
    public List<String> allDraftIdsOfRun(String tenantId, String billRunId) {
        List<String> ids = new ArrayList<>();
        table.each(runIndex(tenantId, billRunId, InvoiceStatus.DRAFT.name() + "#")
                .projecting("#invoiceId", Map.of("#invoiceId", "invoiceId")), item -> ids.add(item.string("invoiceId")));
        return ids;
    }

    /**
     * Every invoice of the run in {@code status}, projected to {@link InvoiceTotal} (e.g. the POSTED ones to email
     * them), in invoice id order, following the index's pages. The index lags the table a little.
     */
    public List<InvoiceTotal> totalsOfRun(String tenantId, String billRunId, InvoiceStatus status) {
        Map<String, String> names = new HashMap<>(Map.of("#invoiceId", "invoiceId", "#accountId", "accountId",
                "#currency", "currency", "#total", "total"));
        String projection = "#invoiceId, #accountId, #currency, #total";
        List<ItemReader> items;
        if (layouts.grouped(tenantId, billRunId)) {
            names.putAll(STATUS_NAMES);
            GroupedRun run = groupedRunItems(tenantId, billRunId, projection + ", " + STATUS_ATTRIBUTES, names);
            items = run.items().stream().filter(item -> PostGroups.status(item, run.posted()) == status).toList();
        } else {
            items = table.all(runIndex(tenantId, billRunId, status.name() + "#").projecting(projection, names));
        }
        return items.stream().map(item -> new InvoiceTotal(item.string("invoiceId"), item.string("accountId"),
                item.string("currency"), item.amount("total"))).toList();
    }

    public boolean anyOfRun(String tenantId, String billRunId, InvoiceStatus status) {
        if (!layouts.grouped(tenantId, billRunId)) {
            return !ofRun(tenantId, billRunId, status, null, 1).items().isEmpty();
        }
        if (status == InvoiceStatus.POSTED) {
            // Nothing of such a run is POSTED before its numbers are reserved: no listing for a run never posted
            // (cancel and delete ask), a group's record when one is posted, else its groups of one, read on.
            if (!reserved(tenantId, billRunId)) {
                return false;
            }
            if (anyGroupPosted(tenantId, billRunId)) {
                return true;
            }
        }
        String cursor = null;
        do {
            Page<StoredInvoice> page = ofRun(tenantId, billRunId, status, cursor, 100);
            if (!page.items().isEmpty()) {
                return true;
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return false;
    }

    /** Whether the run's post reserved invoice numbers ({@code postBlocks} on its item). */
    private boolean reserved(String tenantId, String billRunId) {
        return table.get(Keys.billRun(tenantId, billRunId)).map(run -> run.has("postBlocks")).orElse(false);
    }

    /** Whether a post group of the run is posted (its record). */
    private boolean anyGroupPosted(String tenantId, String billRunId) {
        for (String partition : Keys.postGroupPartitions(tenantId, billRunId)) {
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                var response = table.queryPage(q -> q.keyConditionExpression("PK = :pk")
                        .filterExpression("attribute_exists(#posted)")
                        .expressionAttributeNames(Map.of("#posted", PostGroups.POSTED))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)))
                        .projectionExpression("PK").exclusiveStartKey(from));
                if (response.count() > 0) {
                    return true;
                }
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return false;
    }

    /** The account's invoices, newest invoice date first. */
    public Page<StoredInvoice> ofAccount(String tenantId, String accountId, String cursor, int limit) {
        Page<ItemReader> page = table.page(q -> q.indexName(Keys.GSI1)
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.accountInvoicesIndex(tenantId, accountId))))
                .scanIndexForward(false), cursor, limit);
        return new Page<>(groups.settled(page.items()), page.nextCursor());
    }

    /**
     * What payments and the account's status need of its POSTED invoices: ids, dates and open balances, read from
     * the account's index without the lines. The index lags the table a little; writers condition on what they read.
     */
    public List<InvoiceBalance> postedBalances(String tenantId, String accountId) {
        Map<String, String> names = new HashMap<>(STATUS_NAMES);
        names.put("#balance", InvoiceMapper.BALANCE);
        List<ItemReader> items = table.queryAll(q -> q.indexName(Keys.GSI1).keyConditionExpression("GSI1PK = :pk")
                .filterExpression("#status = :posted OR (#status = :draft AND attribute_exists(#group))")
                .projectionExpression("invoiceId, invoiceDate, dueDate, #balance, " + STATUS_ATTRIBUTES)
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(Keys.accountInvoicesIndex(tenantId, accountId)),
                        ":posted", AttributeValue.fromS(InvoiceStatus.POSTED.name()),
                        ":draft", AttributeValue.fromS(InvoiceStatus.DRAFT.name()))));
        Map<String, PostGroups.Posted> posted = groups.postedGroups(items);
        return items.stream().filter(item -> PostGroups.status(item, posted) == InvoiceStatus.POSTED)
                .map(item -> new InvoiceBalance(item.string("invoiceId"), InvoiceStatus.POSTED,
                        item.date("invoiceDate"), item.date("dueDate"), item.amount(InvoiceMapper.BALANCE)))
                .toList();
    }

    private Page<StoredInvoice> runInvoices(String tenantId, String billRunId, String prefix, String cursor, int limit) {
        if (layouts.grouped(tenantId, billRunId)) {
            return groupedRunInvoices(tenantId, billRunId, cursor, limit);
        }
        Page<ItemReader> page = table.page(runIndex(tenantId, billRunId, prefix), cursor, limit);
        return new Page<>(groups.settled(page.items()), page.nextCursor());
    }

    /**
     * A page of the invoices of a run that posts by post group, in run order ({@link #groupedRunPage}), as posting
     * left them.
     */
    private Page<StoredInvoice> groupedRunInvoices(String tenantId, String billRunId, String cursor, int limit) {
        GroupedPage page = groupedRunPage(tenantId, billRunId, cursor, limit, null, Map.of());
        return new Page<>(PostGroups.settled(page.items(), page.posted()), page.nextCursor());
    }

    /** A page of a grouped run's invoice items, the {@code posted} records of the groups it read, the next cursor. */
    record GroupedPage(List<ItemReader> items, Map<String, PostGroups.Posted> posted, String nextCursor) {
    }

    /**
     * A page of the invoice items of a run that posts by post group, in run order: its post groups (16 partitions,
     * merged in group id order, read consistently), each group's drafts in rank order, read by id (only the attributes
     * {@code projection} names, all of them when it is null). Its drafts have no run index entry (PostGroups). The
     * cursor resumes after the last group listed whole, {@value #SKIP} more drafts into the next one when the page
     * ended inside it; it carries the table's sort key ({@code SK}).
     */
    GroupedPage groupedRunPage(String tenantId, String billRunId, String cursor, int limit, String projection,
                               Map<String, String> names) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        ShardedQuery query = groupsOf(tenantId, billRunId);
        String resumedAfter = cursor == null ? Keys.POST_GROUP_PREFIX : ShardedQuery.cursorField(cursor, Keys.SK);
        int skip = skipOf(cursor);
        List<String> ids = new ArrayList<>();
        List<ItemReader> groupsRead = new ArrayList<>();
        String after = cursor;
        String next = null;
        listing:
        while (true) {
            // Groups hold about 20 drafts: a few at a time, more when they turn out small.
            Page<ItemReader> read = table.page(query, after, Math.max(1, (limit - ids.size()) / 16 + 1));
            List<ItemReader> items = read.items();
            for (int i = 0; i < items.size(); i++) {
                groupsRead.add(items.get(i));
                List<String> drafts = items.get(i).strings(PostGroups.INVOICE_IDS);
                int from = Math.min(skip, drafts.size());
                skip = 0;
                int take = Math.min(drafts.size() - from, limit - ids.size());
                ids.addAll(drafts.subList(from, from + take));
                String sortKey = items.get(i).string(Keys.SK);
                if (ids.size() == limit) {
                    if (from + take < drafts.size()) {
                        next = query.cursorAfter(resumedAfter, Map.of(SKIP, Integer.toString(from + take)));
                    } else if (i + 1 < items.size() || read.nextCursor() != null) {
                        next = query.cursorAfter(sortKey, Map.of());
                    }
                    break listing;
                }
                resumedAfter = sortKey;
            }
            if (read.nextCursor() == null) {
                break;
            }
            after = read.nextCursor();
        }
        Map<String, ItemReader> byId = new HashMap<>();
        List<ItemKey> keys = ids.stream().map(id -> Keys.invoice(tenantId, id)).toList();
        Map<String, String> withId = new HashMap<>(names);
        withId.put("#invoiceIdRead", "invoiceId");
        (projection == null ? table.getAll(keys) : table.getAll(keys, projection + ", #invoiceIdRead", withId))
                .forEach(item -> byId.put(item.string("invoiceId"), item));
        return new GroupedPage(ids.stream().map(byId::get).filter(Objects::nonNull).toList(),
                PostGroups.postedOf(groupsRead), next);
    }

    /** The cursor of {@link #groupedRunPage} at the run's first group. */
    static String firstGroupCursor(String tenantId, String billRunId) {
        return groupsOf(tenantId, billRunId).cursorAfter(Keys.POST_GROUP_PREFIX, Map.of());
    }

    /** A grouped run read whole: its invoices in run order, and its groups' {@code posted} records. */
    private record GroupedRun(List<ItemReader> items, Map<String, PostGroups.Posted> posted) {
    }

    /**
     * Every invoice of a run that posts by post group, in run order, with only the attributes {@code projection} names,
     * and its groups' records: its groups' listing, then its invoices by id, {@value #READS_AT_ONCE} BatchGetItem calls
     * at once ({@link BatchCalls}: a million invoices are 10,000 calls).
     */
    private GroupedRun groupedRunItems(String tenantId, String billRunId, String projection, Map<String, String> names) {
        List<ItemReader> groupItems = table.all(groupsOf(tenantId, billRunId));
        List<String> ids = groupItems.stream().flatMap(group -> group.strings(PostGroups.INVOICE_IDS).stream()).toList();
        Map<String, ItemReader> byId = new HashMap<>();
        BatchCalls.atOnce(BatchCalls.chunks(ids, 100), READS_AT_ONCE, chunk -> table.getAll(chunk.stream()
                        .map(id -> Keys.invoice(tenantId, id)).toList(), projection, names))
                .forEach(item -> byId.put(item.string("invoiceId"), item));
        return new GroupedRun(ids.stream().map(byId::get).filter(Objects::nonNull).toList(),
                PostGroups.postedOf(groupItems));
    }

    private static ShardedQuery groupsOf(String tenantId, String billRunId) {
        return ShardedQuery.ofTable(Keys.postGroupPartitions(tenantId, billRunId), Keys.POST_GROUP_PREFIX)
                .projecting("#ids, #posted", Map.of("#ids", PostGroups.INVOICE_IDS, "#posted", PostGroups.POSTED));
    }

    private static int skipOf(String cursor) {
        String skip = ShardedQuery.cursorField(cursor, SKIP);
        if (skip == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(skip);
            if (n < 0) {
                throw new InvalidCursorException();
            }
            return n;
        } catch (NumberFormatException malformed) {
            throw new InvalidCursorException();
        }
    }

    /**
     * The run's invoices on GSI2 whose sort key ({@code {status}#{id}}) begins with {@code prefix} ("" for all), in
     * every index key of the run's layout ({@link RunLayouts}), merged in sort key order.
     */
    private ShardedQuery runIndex(String tenantId, String billRunId, String prefix) {
        return ShardedQuery.ofIndex2(Keys.runInvoicesIndexes(tenantId, billRunId, layouts.shards(tenantId, billRunId)), prefix);
    }
}

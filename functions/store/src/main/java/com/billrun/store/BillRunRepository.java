package com.billrun.store;

import static com.billrun.store.BillRunMapper.STATUS;

import com.billrun.store.dynamodb.Conditions;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Bill runs: creation with a gap-free number, reads, and status changes. Every status change is conditional on
 * the statuses it may come from, so two actors (a cancel and a post, a retried Lambda) can never both win.
 */
public final class BillRunRepository {

    private static final int NUMBER_ATTEMPTS = 20;

    private final Table table;
    private final Counters counters;

    public BillRunRepository(Table table) {
        this.table = table;
        this.counters = new Counters(table);
    }

    /**
     * Stores a new PENDING run numbered {@code BR-00001}, {@code BR-00002}, ... per tenant. Idempotent on the id: when
     * a run with this id exists (a schedule fired twice), that run is returned and no number is taken.
     */
    public BillRun create(BillRun pending) {
        for (int attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
            long last = counters.last(pending.tenantId(), Counters.BILL_RUN);
            BillRun numbered = pending.withNumber("BR-%05d".formatted(last + 1));
            try {
                table.transact(List.of(counters.advance(pending.tenantId(), Counters.BILL_RUN, last, 1),
                        table.putIfAbsentAction(BillRunMapper.toItem(numbered))));
                return numbered;
            } catch (TransactionCanceledException refused) {
                if (Conditions.failed(refused, 1)) {
                    return get(pending.tenantId(), pending.id());
                }
                // another run took the number first: read the counter again
            }
        }
        throw new TransientStoreException("could not number bill run " + pending.id() + ": counter contention", null);
    }

    /**
     * Stores {@code retry} (a new PENDING run whose {@code retryOf} names {@code original}, numbered as
     * {@link #create} numbers) and, in the same transaction, adds it to the original's {@code retries} with
     * {@code audit} on its trail, conditioned on the original being in one of {@code from}: the two runs name each
     * other, or neither exists.
     *
     * @throws BillRunConflictException when the original is in none of {@code from}
     * @throws NotFoundException        when there is no such original
     */
    public BillRun createRetry(BillRun retry, Set<BillRunStatus> from, AuditEntry audit) {
        String tenantId = retry.tenantId();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":retry", AttributeValue.fromL(List.of(AttributeValue.fromS(retry.id()))),
                ":audit", AttributeValue.fromL(List.of(AttributeValue.fromM(BillRunMapper.auditEntry(audit)))),
                ":empty", AttributeValue.fromL(List.of())));
        List<String> allowed = new ArrayList<>();
        for (BillRunStatus status : from) {
            String name = ":from" + allowed.size();
            values.put(name, AttributeValue.fromS(status.name()));
            allowed.add(name);
        }
        var linkOriginal = table.updateAction(Keys.billRun(tenantId, retry.retryOf()),
                "SET #retries = list_append(if_not_exists(#retries, :empty), :retry), "
                        + "#trail = list_append(if_not_exists(#trail, :empty), :audit)",
                "#status IN (" + String.join(", ", allowed) + ")",
                Map.of("#retries", BillRunMapper.RETRIES, "#trail", BillRunMapper.AUDIT_TRAIL, "#status", STATUS), values);
        for (int attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
            long last = counters.last(tenantId, Counters.BILL_RUN);
            BillRun numbered = retry.withNumber("BR-%05d".formatted(last + 1));
            try {
                table.transact(List.of(counters.advance(tenantId, Counters.BILL_RUN, last, 1),
                        table.putIfAbsentAction(BillRunMapper.toItem(numbered)), linkOriginal));
                return numbered;
            } catch (TransactionCanceledException refused) {
                if (Conditions.failed(refused, 2)) {
                    BillRun original = get(tenantId, retry.retryOf());
                    throw new BillRunConflictException(original.status(), "bill run %s is %s; only %s runs can retry their failures"
                            .formatted(original.number(), original.status(), from));
                }
                if (Conditions.failed(refused, 1)) {
                    return get(tenantId, retry.id());
                }
                // another run took the number first (or a conflict): read the counter again
            }
        }
        throw new TransientStoreException("could not number bill run " + retry.id() + ": counter contention", null);
    }

    public Optional<BillRun> find(String tenantId, String billRunId) {
        return table.get(Keys.billRun(tenantId, billRunId)).map(BillRunMapper::fromItem);
    }

    /**
     * Whether posting reserved invoice numbers for the run ({@code postBlocks}, InvoicePosting): its drafts then hold
     * numbers no other invoice may take, so the run can no longer be canceled (its drafts rolled back).
     */
    public boolean hasReservedInvoiceNumbers(String tenantId, String billRunId) {
        return table.get(Keys.billRun(tenantId, billRunId)).map(item -> item.has("postBlocks")).orElse(false);
    }

    public BillRun get(String tenantId, String billRunId) {
        return find(tenantId, billRunId).orElseThrow(() -> new NotFoundException("bill run", billRunId));
    }

    /** The tenant's runs, newest first. */
    public Page<BillRun> list(String tenantId, String cursor, int limit) {
        Page<ItemReader> page = table.page(q -> q.indexName(Keys.GSI1)
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.runsIndex(tenantId))))
                .scanIndexForward(false), cursor, limit);
        return new Page<>(page.items().stream().map(BillRunMapper::fromItem).toList(), page.nextCursor());
    }

    /** Runs a page of {@link #list(String, String, int)} reads at most, per listing page, times its limit. */
    static final int STATUS_FILTER_READ_PAGES = 10;

    /**
     * The tenant's runs in {@code status}, newest first: the same GSI1 query as {@link #list(String, String, int)}
     * with a filter on the status (no index per status: a tenant has a few runs a month). DynamoDB filters after
     * it reads, so this reads on, up to {@link #STATUS_FILTER_READ_PAGES} reads of {@code limit} runs, until it has
     * {@code limit} matches or the list ends; a page can then hold fewer than {@code limit} runs (even none) and
     * still give a cursor to read on from. The cursor is the key of the last run read, so no run is skipped or
     * listed twice.
     */
    public Page<BillRun> list(String tenantId, BillRunStatus status, String cursor, int limit) {
        List<BillRun> matched = new ArrayList<>();
        String next = cursor;
        for (int read = 0; read < STATUS_FILTER_READ_PAGES && matched.size() < limit; read++) {
            Page<ItemReader> page = table.page(q -> q.indexName(Keys.GSI1)
                    .keyConditionExpression("GSI1PK = :pk")
                    .filterExpression("#status = :status")
                    .expressionAttributeNames(Map.of("#status", STATUS))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.runsIndex(tenantId)),
                            ":status", AttributeValue.fromS(status.name())))
                    .scanIndexForward(false), next, limit - matched.size());
            page.items().stream().map(BillRunMapper::fromItem).forEach(matched::add);
            next = page.nextCursor();
            if (next == null) {
                break;
            }
        }
        return new Page<>(matched, next);
    }

    /** A run by its keys only. */
    public record RunRef(String tenantId, String billRunId) {
    }

    /**
     * The runs of every tenant in one of {@code statuses}. Reads the whole table (a Scan): only the local runtime's
     * restart calls it, once, on DynamoDB Local, where the executions that drove these runs died with the process.
     * On AWS nothing calls it and no function may scan (DATA-MODEL.md).
     */
    public List<RunRef> inStatusOnLocalRestart(Set<BillRunStatus> statuses) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":run", AttributeValue.fromS(Keys.billRun("t", "r").sk()));
        List<String> allowed = new ArrayList<>();
        for (BillRunStatus status : statuses) {
            String name = ":s" + allowed.size();
            values.put(name, AttributeValue.fromS(status.name()));
            allowed.add(name);
        }
        return table.scanLocalTable("SK = :run AND #status IN (" + String.join(", ", allowed) + ")",
                        Map.of("#status", STATUS), values).stream()
                .map(BillRunMapper::fromItem).map(run -> new RunRef(run.tenantId(), run.id())).toList();
    }

    /**
     * Moves the run from one of {@code from} to {@code to}, applying {@code change} in the same write.
     *
     * @throws BillRunConflictException when the run is in none of {@code from}
     * @throws NotFoundException        when there is no such run
     */
    public BillRun transition(String tenantId, String billRunId, Set<BillRunStatus> from, BillRunStatus to,
                              RunChange change) {
        Map<String, AttributeValue> values = new HashMap<>(change.values());
        values.put(":to", AttributeValue.fromS(to.name()));
        List<String> allowed = new ArrayList<>();
        for (BillRunStatus status : from) {
            String name = ":from" + allowed.size();
            values.put(name, AttributeValue.fromS(status.name()));
            allowed.add(name);
        }
        Map<String, String> names = new HashMap<>(change.names());
        names.put("#status", STATUS);
        try {
            return BillRunMapper.fromItem(ItemReader.of(table.update(u -> u.key(Keys.billRun(tenantId, billRunId).toAttributes())
                    .updateExpression("SET #status = :to" + change.setClauses() + change.removeClause())
                    .conditionExpression("#status IN (" + String.join(", ", allowed) + ")")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW))));
        } catch (ConditionalCheckFailedException refused) {
            BillRun current = get(tenantId, billRunId);
            throw new BillRunConflictException(current.status(),
                    "bill run %s is %s; this needs %s".formatted(current.number(), current.status(), from));
        }
    }
}

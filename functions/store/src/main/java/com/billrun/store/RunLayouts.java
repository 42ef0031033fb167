package com.billrun.store;

import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which keys a run's invoices and outcomes have (DATA-MODEL.md "Sharded run keys"): the {@code shards} its run item
 * was created with, or {@link Keys#UNSHARDED} for a run created before sharding (no such attribute) and for a run
 * that does not exist (nothing to find under either layout; its keys are never written by a run's functions, which
 * check the run first); and whether its invoices are posted by post group (DATA-MODEL.md "Post groups":
 * {@code postGroups} on the run item, which only a sharded run has); and whether each account's outcome is kept at its
 * invoice's key (DATA-MODEL.md "Outcomes at the invoice's key": {@code outcomesAtInvoice}, which only a grouped run
 * has). A run's layout never changes, so each one read
 * is remembered (the most recent {@value #REMEMBERED} runs): one GetItem per run for each repository that builds a
 * run's keys, in each container (the worker, post, the API), a few per run in all.
 */
final class RunLayouts {

    static final String SHARDS = "shards";
    static final String POST_GROUPS = "postGroups";
    static final String OUTCOMES_AT_INVOICE = "outcomesAtInvoice";

    /**
     * A run's layout: its shard count, whether it posts by post group, and whether its accounts' outcomes are kept at
     * their invoices' keys ({@link RunAccountMapper}).
     */
    record Layout(int shards, boolean grouped, boolean outcomesAtInvoice) {

        static final Layout EARLIEST = new Layout(Keys.UNSHARDED, false, false);
    }
    private static final int REMEMBERED = 1_000;

    private final Table table;
    private final Map<String, Layout> known = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Layout> eldest) {
            return size() > REMEMBERED;
        }
    });

    RunLayouts(Table table) {
        this.table = table;
    }

    /** The run's shard count, or {@link Keys#UNSHARDED}. */
    int shards(String tenantId, String billRunId) {
        return layout(tenantId, billRunId).shards();
    }

    /** Whether the run's invoices are posted by post group (DATA-MODEL.md "Post groups"). */
    boolean grouped(String tenantId, String billRunId) {
        return layout(tenantId, billRunId).grouped();
    }

    /** Whether the run keeps its accounts' outcomes at their invoices' keys (DATA-MODEL.md "Outcomes at the invoice's key"). */
    boolean outcomesAtInvoice(String tenantId, String billRunId) {
        return layout(tenantId, billRunId).outcomesAtInvoice();
    }

    Layout layout(String tenantId, String billRunId) {
        String run = Keys.runPartition(tenantId, billRunId);
        Layout cached = known.get(run);
        if (cached != null) {
            return cached;
        }
        var found = table.getAll(List.of(Keys.billRun(tenantId, billRunId)), "PK, #shards, #groups, #outcomes",
                Map.of("#shards", SHARDS, "#groups", POST_GROUPS, "#outcomes", OUTCOMES_AT_INVOICE));
        if (found.isEmpty()) {
            return Layout.EARLIEST; // not remembered: a run created later gets its own layout
        }
        Integer shards = found.getFirst().integer(SHARDS);
        ItemReader item = found.getFirst();
        Layout layout = shards == null ? Layout.EARLIEST
                : new Layout(shards, item.bool(POST_GROUPS), item.bool(POST_GROUPS) && item.bool(OUTCOMES_AT_INVOICE));
        known.put(run, layout);
        return layout;
    }
}

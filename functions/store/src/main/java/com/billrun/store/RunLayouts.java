package com.billrun.store;

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
 * {@code postGroups} on the run item, which only a sharded run has). A run's layout never changes, so each one read
 * is remembered (the most recent {@value #REMEMBERED} runs): one GetItem per run for each repository that builds a
 * run's keys, in each container (the worker, post, the API), a few per run in all.
 */
final class RunLayouts {

    static final String SHARDS = "shards";
    static final String POST_GROUPS = "postGroups";

    /** A run's layout: its shard count and whether it posts by post group. */
    record Layout(int shards, boolean grouped) {

        static final Layout EARLIEST = new Layout(Keys.UNSHARDED, false);
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

    Layout layout(String tenantId, String billRunId) {
        String run = Keys.runPartition(tenantId, billRunId);
        Layout cached = known.get(run);
        if (cached != null) {
            return cached;
        }
        var found = table.getAll(List.of(Keys.billRun(tenantId, billRunId)), "PK, #shards, #groups",
                Map.of("#shards", SHARDS, "#groups", POST_GROUPS));
        if (found.isEmpty()) {
            return Layout.EARLIEST; // not remembered: a run created later gets its own layout
        }
        Integer shards = found.getFirst().integer(SHARDS);
        Layout layout = shards == null ? Layout.EARLIEST : new Layout(shards, found.getFirst().bool(POST_GROUPS));
        known.put(run, layout);
        return layout;
    }
}

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
 * check the run first). A run's layout never changes, so each one read is remembered (the most recent
 * {@value #REMEMBERED} runs): one GetItem per run for each repository that builds a run's keys, in each container
 * (the worker, post, the API), a few per run in all.
 */
final class RunLayouts {

    static final String SHARDS = "shards";
    private static final int REMEMBERED = 1_000;

    private final Table table;
    private final Map<String, Integer> known = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    });

    RunLayouts(Table table) {
        this.table = table;
    }

    /** The run's shard count, or {@link Keys#UNSHARDED}. */
    int shards(String tenantId, String billRunId) {
        String run = Keys.runPartition(tenantId, billRunId);
        Integer cached = known.get(run);
        if (cached != null) {
            return cached;
        }
        var found = table.getAll(List.of(Keys.billRun(tenantId, billRunId)), "PK, #shards", Map.of("#shards", SHARDS));
        if (found.isEmpty()) {
            return Keys.UNSHARDED; // not remembered: a run created later gets its own layout
        }
        Integer shards = found.getFirst().integer(SHARDS);
        int layout = shards == null ? Keys.UNSHARDED : shards;
        known.put(run, layout);
        return layout;
    }
}

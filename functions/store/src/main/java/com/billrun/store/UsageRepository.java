package com.billrun.store;

import com.billrun.core.UsageRecord;
import com.billrun.store.dynamodb.Table;
import java.util.List;

/** Usage records, kept in the account's item collection so that loading an account for billing is one query. */
public final class UsageRepository {

    private final Table table;

    public UsageRepository(Table table) {
        this.table = table;
    }

    /** A usage record with the id that makes it idempotent. */
    public record IdentifiedUsage(String usageId, UsageRecord usage) {
    }

    /**
     * Records many in batches; a record sent again (same id, same day) overwrites itself with the same values, so
     * it is stored once. Callers check every record before: a batch write is not a transaction.
     */
    public void recordAll(String tenantId, String accountId, List<IdentifiedUsage> records) {
        table.putAll(records.stream().map(r -> UsageMapper.toItem(tenantId, accountId, r.usageId(), r.usage())).toList());
    }

    /** Records usage once per {@code usageId}: a resubmitted record is ignored (returns false). */
    public boolean record(String tenantId, String accountId, String usageId, UsageRecord usage) {
        return table.putIfAbsent(UsageMapper.toItem(tenantId, accountId, usageId, usage));
    }
}

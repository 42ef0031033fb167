package com.billrun.store;

import com.billrun.core.UsageRecord;

/** Usage records, kept in the account's item collection so that loading an account for billing is one query. */
public final class UsageRepository {

    private final Table table;

    public UsageRepository(Table table) {
        this.table = table;
    }

    /** Records usage once per {@code usageId}: a resubmitted record is ignored (returns false). */
    public boolean record(String tenantId, String accountId, String usageId, UsageRecord usage) {
        return table.putIfAbsent(UsageMapper.toItem(tenantId, accountId, usageId, usage));
    }
}

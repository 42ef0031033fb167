package com.billrun.usecases.billrun;

import com.billrun.core.BillingDataException;
import com.billrun.core.ChargeType;
import com.billrun.core.RequestLimits;
import com.billrun.store.BillRunOptions;
import java.util.EnumSet;
import java.util.List;

/** The rules a run's options must keep before anything is stored (infra/openapi.yaml POST /bill-runs). */
public final class BillRunOptionsCheck {

    /** Explicit ids travel in the run's item (400 KB at most): larger selections use batches or cycle days. */
    static final int MAX_ACCOUNT_IDS = 1000;

    private BillRunOptionsCheck() {
    }

    public static void check(BillRunOptions options) {
        if (options == null || options.targetDate() == null) {
            throw new BillingDataException("targetDate", "is required");
        }
        Integer billCycleDay = options.billCycleDay();
        if (billCycleDay != null && (billCycleDay < 1 || billCycleDay > 31)) {
            throw new BillingDataException("billCycleDay", "must be between 1 and 31, not " + billCycleDay);
        }
        ids("batches", options.batches());
        ids("accountIds", options.accountIds());
        if (options.batches().size() > RequestLimits.MAX_BATCHES_PER_RUN) {
            throw new BillingDataException("batches", "at most %d batches".formatted(RequestLimits.MAX_BATCHES_PER_RUN));
        }
        if (options.accountIds().size() > MAX_ACCOUNT_IDS) {
            throw new BillingDataException("accountIds", "at most %d accounts; select larger sets by batch or bill cycle day"
                    .formatted(MAX_ACCOUNT_IDS));
        }
        if (options.chargeTypesToExclude().containsAll(EnumSet.allOf(ChargeType.class))) {
            throw new BillingDataException("chargeTypesToExclude", "excludes every charge type: nothing could be billed");
        }
    }

    private static void ids(String field, List<String> ids) {
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (!RequestLimits.isValidId(id)) {
                throw new BillingDataException(field + "[" + i + "]",
                        "is not a valid id (1-64 letters, digits, '.', '_' or '-'): " + id);
            }
        }
    }
}

package com.billrun.store;

import com.billrun.core.ChargeType;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What a run bills and what happens after (infra/openapi.yaml POST /bill-runs). The selection is the intersection of
 * the filters given: {@code accountIds} when present, else every account of the tenant, narrowed by
 * {@code batches} and {@code billCycleDay} when present. {@code invoiceDate} defaults to {@code targetDate}.
 */
public record BillRunOptions(LocalDate targetDate, LocalDate invoiceDate, List<String> batches, Integer billCycleDay,
                             List<String> accountIds, Set<ChargeType> chargeTypesToExclude, boolean autoPost,
                             boolean autoEmail, boolean noEmailForZeroAmountInvoice) {

    public BillRunOptions {
        batches = batches == null ? List.of() : List.copyOf(batches);
        accountIds = accountIds == null ? List.of() : List.copyOf(accountIds);
        chargeTypesToExclude = chargeTypesToExclude == null ? Set.of() : Set.copyOf(chargeTypesToExclude);
    }

    /** Every active account of the tenant, on {@code targetDate}, nothing posted or emailed automatically. */
    public static BillRunOptions allAccounts(LocalDate targetDate) {
        return new BillRunOptions(targetDate, null, null, null, null, null, false, false, false);
    }

    public LocalDate effectiveInvoiceDate() {
        return invoiceDate == null ? targetDate : invoiceDate;
    }
}

package com.billrun.functions.api;

import com.billrun.core.ChargeType;
import com.billrun.store.BillRunOptions;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** A run's options as the API shows them (infra/openapi.yaml {@code BillRunOptions}): the dates and the template, flat. */
record BillRunOptionsView(LocalDate targetDate, LocalDate invoiceDate, List<String> batches, Integer billCycleDay,
                          List<String> accountIds, Set<ChargeType> chargeTypesToExclude, boolean autoPost,
                          boolean autoEmail, boolean noEmailForZeroAmountInvoice) {

    static BillRunOptionsView of(BillRunOptions options) {
        return new BillRunOptionsView(options.targetDate(), options.invoiceDate(), options.batches(),
                options.billCycleDay(), options.accountIds(), options.chargeTypesToExclude(), options.autoPost(),
                options.autoEmail(), options.noEmailForZeroAmountInvoice());
    }
}

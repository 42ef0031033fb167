package com.billrun.store;

import com.billrun.core.ChargeType;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The options of every run a schedule starts: those of POST /bill-runs without the dates, which each firing
 * supplies (the target date is the firing's local date; the invoice date is {@code invoiceDateOffsetDays} after
 * it, e.g. -1 to date invoices the last day of the month a run on the 1st closes).
 */
public record RunTemplate(int invoiceDateOffsetDays, List<String> batches, Integer billCycleDay,
                          List<String> accountIds, Set<ChargeType> chargeTypesToExclude, boolean autoPost,
                          boolean autoEmail, boolean noEmailForZeroAmountInvoice) {

    public RunTemplate {
        batches = batches == null ? List.of() : List.copyOf(batches);
        accountIds = accountIds == null ? List.of() : List.copyOf(accountIds);
        chargeTypesToExclude = chargeTypesToExclude == null ? Set.of() : Set.copyOf(chargeTypesToExclude);
    }

    /** Every account of the tenant, nothing posted or emailed automatically. */
    public static final RunTemplate ALL_ACCOUNTS = new RunTemplate(0, null, null, null, null, false, false, false);

    /** The same selection and follow-ups as the run's, without its dates. */
    public static RunTemplate of(BillRunOptions options, int invoiceDateOffsetDays) {
        return options.template().withInvoiceDateOffsetDays(invoiceDateOffsetDays);
    }

    public RunTemplate withInvoiceDateOffsetDays(int offsetDays) {
        return offsetDays == invoiceDateOffsetDays ? this : new RunTemplate(offsetDays, batches, billCycleDay, accountIds,
                chargeTypesToExclude, autoPost, autoEmail, noEmailForZeroAmountInvoice);
    }

    /** The options of the run fired for {@code targetDate}: the invoice date {@code invoiceDateOffsetDays} after it. */
    public BillRunOptions optionsOn(LocalDate targetDate) {
        LocalDate invoiceDate = targetDate == null || invoiceDateOffsetDays == 0 ? null
                : targetDate.plusDays(invoiceDateOffsetDays);
        return new BillRunOptions(targetDate, invoiceDate, this);
    }
}

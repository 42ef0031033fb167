package com.billrun.store;

import com.billrun.core.ChargeType;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What a run bills and what happens after (infra/openapi.yaml POST /bill-runs): its dates and the {@link RunTemplate}
 * of the selection and follow-ups, the same template a schedule keeps. The selection is the intersection of the
 * filters given: {@code accountIds} when present, else every account of the tenant, narrowed by {@code batches} and
 * {@code billCycleDay} when present. {@code invoiceDate} defaults to {@code targetDate}.
 * <p>
 * A template's invoice-date offset is how a schedule derives a run's invoice date; once the dates are set it is
 * spent, so the template here always has offset 0 (the run's item keeps the dates, not the offset:
 * functions/store/DATA-MODEL.md).
 */
public record BillRunOptions(LocalDate targetDate, LocalDate invoiceDate, RunTemplate template) {

    public BillRunOptions {
        template = template == null ? RunTemplate.ALL_ACCOUNTS : template.withInvoiceDateOffsetDays(0);
    }

    /** Every active account of the tenant, on {@code targetDate}, nothing posted or emailed automatically. */
    public static BillRunOptions allAccounts(LocalDate targetDate) {
        return new BillRunOptions(targetDate, null, RunTemplate.ALL_ACCOUNTS);
    }

    public LocalDate effectiveInvoiceDate() {
        return invoiceDate == null ? targetDate : invoiceDate;
    }

    public List<String> batches() {
        return template.batches();
    }

    public Integer billCycleDay() {
        return template.billCycleDay();
    }

    public List<String> accountIds() {
        return template.accountIds();
    }

    public Set<ChargeType> chargeTypesToExclude() {
        return template.chargeTypesToExclude();
    }

    public boolean autoPost() {
        return template.autoPost();
    }

    public boolean autoEmail() {
        return template.autoEmail();
    }

    public boolean noEmailForZeroAmountInvoice() {
        return template.noEmailForZeroAmountInvoice();
    }
}

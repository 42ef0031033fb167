package com.billrun.functions;

import com.billrun.core.ChargeType;
import com.billrun.store.BillRunOptions;
import com.billrun.store.RunTemplate;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A run's options (or a schedule's template) for a test, named option by option:
 * {@code RunOptionsBuilder.on(DECEMBER_1).batches("Batch1").autoPost().build()}. Unset: every account, nothing
 * posted or emailed automatically.
 */
public final class RunOptionsBuilder {

    private final LocalDate targetDate;
    private LocalDate invoiceDate;
    private int invoiceDateOffsetDays;
    private List<String> batches;
    private Integer billCycleDay;
    private List<String> accountIds;
    private Set<ChargeType> excluded;
    private boolean autoPost;
    private boolean autoEmail;
    private boolean noEmailForZeroAmountInvoice;

    private RunOptionsBuilder(LocalDate targetDate) {
        this.targetDate = targetDate;
    }

    /** The options of a run on {@code targetDate}. */
    public static RunOptionsBuilder on(LocalDate targetDate) {
        return new RunOptionsBuilder(targetDate);
    }

    /** A schedule's template (no dates). */
    public static RunOptionsBuilder template() {
        return new RunOptionsBuilder(null);
    }

    public RunOptionsBuilder invoiceDate(LocalDate value) {
        invoiceDate = value;
        return this;
    }

    public RunOptionsBuilder invoiceDateOffsetDays(int value) {
        invoiceDateOffsetDays = value;
        return this;
    }

    public RunOptionsBuilder batches(String... values) {
        batches = List.of(values);
        return this;
    }

    public RunOptionsBuilder billCycleDay(int value) {
        billCycleDay = value;
        return this;
    }

    public RunOptionsBuilder accountIds(String... values) {
        accountIds = List.of(values);
        return this;
    }

    public RunOptionsBuilder excluding(ChargeType... types) {
        excluded = Set.of(types);
        return this;
    }

    public RunOptionsBuilder autoPost() {
        autoPost = true;
        return this;
    }

    public RunOptionsBuilder autoEmail() {
        autoEmail = true;
        return this;
    }

    public RunOptionsBuilder noEmailForZeroAmountInvoice(boolean value) {
        noEmailForZeroAmountInvoice = value;
        return this;
    }

    public RunTemplate buildTemplate() {
        return new RunTemplate(invoiceDateOffsetDays, batches, billCycleDay, accountIds, excluded, autoPost, autoEmail,
                noEmailForZeroAmountInvoice);
    }

    public BillRunOptions build() {
        return new BillRunOptions(targetDate, invoiceDate, buildTemplate());
    }
}

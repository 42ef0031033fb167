package com.billrun.store;

import com.billrun.core.ChargeType;
import com.billrun.core.CurrencyUnits;
import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A {@link BillRun} to and from its item ({@code T#{t}#RUN#{id}} / {@code RUN}). */
final class BillRunMapper {

    static final String STATUS = "status";
    static final String COUNTS = "counts";
    static final String TOTALS = "totals";
    static final String HAS_ERRORS = "hasErrors";
    static final String BATCH_COUNT = "batchCount";
    static final String ERROR_CAUSE = "errorCause";
    static final String AUDIT_TRAIL = "auditTrail";
    /** How far the batches got: a map of numbers, created with the run so that each batch can ADD to it. */
    static final String PROGRESS = "progress";
    static final String BATCHES_DONE = "batchesDone";
    /** Top level, so that a page's ADD needs no map to exist (a run stored before progress existed still posts). */
    static final String INVOICES_POSTED = "invoicesPosted";
    static final String RETRY_OF = "retryOf";
    static final String RETRIES = "retries";

    private BillRunMapper() {
    }

    /**
     * A new run's item (only ever Put once): its invoices' and outcomes' keys sharded, its invoices posted by post
     * group ({@link RunLayouts}).
     */
    static Map<String, AttributeValue> toItem(BillRun run) {
        return Item.at(Keys.billRun(run.tenantId(), run.id()))
                .index1(Keys.runsIndex(run.tenantId()), run.createdAt() + "#" + run.id())
                .string("tenantId", run.tenantId())
                .string("billRunId", run.id())
                .string("number", run.number())
                .string(STATUS, run.status().name())
                .map("options", options(run.options()))
                .string("initiatorEmail", run.initiatorEmail())
                .map(COUNTS, counts(run.counts()))
                .map(TOTALS, totals(run.totals()))
                .bool(HAS_ERRORS, run.hasErrors())
                .integer(BATCH_COUNT, run.batchCount())
                .string(ERROR_CAUSE, run.errorCause())
                .instant("createdAt", run.createdAt())
                .maps(AUDIT_TRAIL, run.auditTrail().stream().map(BillRunMapper::auditEntry).toList())
                .map(PROGRESS, progress(run.progress()))
                .string(RETRY_OF, run.retryOf())
                .strings(RETRIES, run.retries().isEmpty() ? null : run.retries())
                .integer(RunLayouts.SHARDS, Keys.RUN_SHARDS)
                .bool(RunLayouts.POST_GROUPS, true)
                .bool(RunLayouts.OUTCOMES_AT_INVOICE, true)
                .build();
    }

    static BillRun fromItem(ItemReader item) {
        return new BillRun(item.string("tenantId"), item.string("billRunId"), item.string("number"),
                item.enumValue(STATUS, BillRunStatus.class), options(ItemReader.of(item.map("options"))),
                item.string("initiatorEmail"), counts(ItemReader.of(item.map(COUNTS))),
                totals(item.map(TOTALS)), item.bool(HAS_ERRORS), item.integer(BATCH_COUNT),
                item.string(ERROR_CAUSE), item.instant("createdAt"),
                item.maps(AUDIT_TRAIL).stream().map(BillRunMapper::auditEntry).toList(),
                progress(item), item.string(RETRY_OF), item.strings(RETRIES));
    }

    /** The progress map as a new run starts it: every figure zero, no currency yet. */
    static Map<String, AttributeValue> progress(RunProgress progress) {
        Map<String, AttributeValue> totals = new LinkedHashMap<>();
        progress.totals().byCurrency().forEach((currency, amount) -> totals.put(currency, AttributeValue.fromN(amount.toPlainString())));
        return Item.nested().number(BATCHES_DONE, (long) progress.batchesDone())
                .number("accountsProcessed", progress.accountsProcessed())
                .number("invoicesGenerated", progress.invoicesGenerated())
                .number("failedAccounts", progress.failedAccounts())
                .map(TOTALS, totals).build();
    }

    /**
     * DynamoDB keeps numbers without trailing zeros ({@code 199.80} reads {@code 199.8}): each total gets its
     * currency's scale back.
     */
    private static RunProgress progress(ItemReader run) {
        ItemReader progress = ItemReader.of(run.map(PROGRESS));
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        progress.map(TOTALS).forEach((currency, amount) -> totals.put(currency,
                new BigDecimal(amount.n()).setScale(CurrencyUnits.minorUnits(currency, "currency"))));
        return new RunProgress((int) progress.numberOrZero(BATCHES_DONE), progress.numberOrZero("accountsProcessed"),
                progress.numberOrZero("invoicesGenerated"), progress.numberOrZero("failedAccounts"),
                new CurrencyTotals(totals), run.numberOrZero(INVOICES_POSTED));
    }

    static Map<String, AttributeValue> auditEntry(AuditEntry entry) {
        return Item.nested().string("action", entry.action().name()).string("by", entry.by())
                .instant("at", entry.at()).build();
    }

    private static AuditEntry auditEntry(ItemReader item) {
        return new AuditEntry(item.enumValue("action", AuditEntry.AuditAction.class), item.string("by"),
                item.instant("at"));
    }

    static Map<String, AttributeValue> counts(BillRunCounts counts) {
        return Item.nested().number("accountsSelected", counts.accountsSelected())
                .number("accountsProcessed", counts.accountsProcessed())
                .number("invoicesGenerated", counts.invoicesGenerated())
                .number("failedAccounts", counts.failedAccounts()).build();
    }

    static BillRunCounts counts(ItemReader item) {
        return new BillRunCounts(item.numberOrZero("accountsSelected"), item.numberOrZero("accountsProcessed"),
                item.numberOrZero("invoicesGenerated"), item.numberOrZero("failedAccounts"));
    }

    static Map<String, AttributeValue> totals(CurrencyTotals totals) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        totals.byCurrency().forEach((currency, amount) -> map.put(currency, AttributeValue.fromS(amount.toPlainString())));
        return map;
    }

    static CurrencyTotals totals(Map<String, AttributeValue> map) {
        return new CurrencyTotals(map.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new BigDecimal(e.getValue().s()))));
    }

    static Map<String, AttributeValue> options(BillRunOptions options) {
        return template(Item.nested().date("targetDate", options.targetDate()).date("invoiceDate", options.invoiceDate()),
                options.template()).build();
    }

    static BillRunOptions options(ItemReader item) {
        return new BillRunOptions(item.date("targetDate"), item.date("invoiceDate"), template(item, 0));
    }

    /** A template as a run's options without the dates: a schedule's item keeps it so (ScheduleMapper). */
    static Map<String, AttributeValue> template(RunTemplate template) {
        return template(Item.nested(), template).build();
    }

    static RunTemplate template(ItemReader item, int invoiceDateOffsetDays) {
        List<String> excluded = item.strings("chargeTypesToExclude");
        Set<ChargeType> types = excluded.isEmpty() ? Set.of()
                : excluded.stream().map(ChargeType::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(ChargeType.class)));
        return new RunTemplate(invoiceDateOffsetDays, item.strings("batches"), item.integer("billCycleDay"),
                item.strings("accountIds"), types, item.bool("autoPost"), item.bool("autoEmail"),
                item.bool("noEmailForZeroAmountInvoice"));
    }

    private static Item template(Item item, RunTemplate template) {
        return item.strings("batches", template.batches())
                .integer("billCycleDay", template.billCycleDay())
                .strings("accountIds", template.accountIds())
                .strings("chargeTypesToExclude", template.chargeTypesToExclude().stream().map(Enum::name).sorted().toList())
                .bool("autoPost", template.autoPost())
                .bool("autoEmail", template.autoEmail())
                .bool("noEmailForZeroAmountInvoice", template.noEmailForZeroAmountInvoice());
    }
}

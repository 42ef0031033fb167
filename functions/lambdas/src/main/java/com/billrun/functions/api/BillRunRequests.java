package com.billrun.functions.api;

import com.billrun.core.ChargeType;
import com.billrun.core.RequestLimits;
import com.billrun.store.BillRunOptions;
import com.billrun.store.RunTemplate;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of POST /bill-runs (infra/openapi.yaml) into the run's options, naming the field of any mistake in
 * shape; the rules between options are {@link com.billrun.usecases.billrun.CreateBillRun}'s (422 through its exception).
 * A schedule's run template (POST /schedules) is the same options without the dates, read by the same code.
 */
final class BillRunRequests {

    private BillRunRequests() {
    }

    static BillRunOptions options(JsonBody body) {
        LocalDate targetDate = body.requiredDate("targetDate");
        LocalDate invoiceDate = body.date("invoiceDate").orElse(null);
        return new BillRunOptions(targetDate, invoiceDate, template(body, 0));
    }

    /** The selection and follow-ups of a run; the body may hold nothing else (its dates are read before). */
    static RunTemplate template(JsonBody body, int invoiceDateOffsetDays) {
        List<String> batches = nonEmpty(body, "batches", RequestLimits.MAX_BATCHES_PER_RUN);
        Integer billCycleDay = body.integer("billCycleDay", 1, 31).orElse(null);
        List<String> accountIds = nonEmpty(body, "accountIds", RequestLimits.MAX_ACCOUNT_IDS_PER_RUN);
        var excluded = body.enumSet("chargeTypesToExclude", ChargeType.class);
        boolean autoPost = body.flag("autoPost");
        boolean autoEmail = body.flag("autoEmail");
        boolean noEmailForZero = body.flag("noEmailForZeroAmountInvoice");
        body.rejectUnknownFields();
        return new RunTemplate(invoiceDateOffsetDays, batches, billCycleDay, accountIds, excluded, autoPost, autoEmail,
                noEmailForZero);
    }

    /**
     * A selection list (infra/openapi.yaml: minItems 1, uniqueItems): absent selects by the other options, but an
     * empty one is refused (422), never read as "every account" (a portal that sends an empty selection by mistake
     * must not bill the whole tenant), and so is a value listed twice, naming its place.
     */
    private static List<String> nonEmpty(JsonBody body, String name, int maxItems) {
        List<String> values = body.strings(name, maxItems);
        if (values.isEmpty() && body.has(name)) {
            throw ApiProblem.invalid(body.path(name), "must list at least one; leave it out to select by the other options");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            Integer first = seen.putIfAbsent(values.get(i), i);
            if (first != null) {
                throw ApiProblem.invalid(body.path(name) + "[" + i + "]",
                        "repeats " + values.get(i) + ", already listed at " + body.path(name) + "[" + first + "]");
            }
        }
        return values;
    }
}

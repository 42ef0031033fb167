package com.billrun.functions.api;

import com.billrun.core.ChargeType;
import com.billrun.store.BillRunOptions;
import com.billrun.store.RunTemplate;
import java.time.LocalDate;
import java.util.List;

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
        List<String> batches = body.strings("batches");
        Integer billCycleDay = body.integer("billCycleDay", 1, 31).orElse(null);
        List<String> accountIds = body.strings("accountIds");
        var excluded = body.enumSet("chargeTypesToExclude", ChargeType.class);
        boolean autoPost = body.flag("autoPost");
        boolean autoEmail = body.flag("autoEmail");
        boolean noEmailForZero = body.flag("noEmailForZeroAmountInvoice");
        body.rejectUnknownFields();
        return new RunTemplate(invoiceDateOffsetDays, batches, billCycleDay, accountIds, excluded, autoPost, autoEmail,
                noEmailForZero);
    }
}

package com.billrun.functions.start;

import com.billrun.core.ChargeType;
import com.billrun.store.BillRunOptions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * What a bill-run schedule sends when it fires: the input an EventBridge Scheduler schedule (created by the API's
 * POST /schedules) passes to the start function, e.g.
 * <pre>{@code
 * {"tenantId": "acme", "scheduleId": "monthly-1st", "ownerEmail": "cfo@acme.example",
 *  "scheduledTime": "<aws.scheduler.scheduled-time>", "timeZone": "Europe/Paris",
 *  "runTemplate": {"billCycleDay": 1, "autoPost": true, "autoEmail": true}}
 * }</pre>
 * The run's target date (and invoice date) is the day the schedule fired, in the schedule's time zone.
 */
record ScheduleFiring(String tenantId, String scheduleId, String ownerEmail, Instant scheduledTime, String timeZone,
                      RunTemplate runTemplate) {

    ScheduleFiring {
        required("tenantId", tenantId);
        required("scheduleId", scheduleId);
        required("ownerEmail", ownerEmail);
        required("scheduledTime", scheduledTime);
    }

    private static void required(String field, Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("the schedule's input has no " + field);
        }
    }

    /** The options of each run the schedule starts, all but the dates. */
    record RunTemplate(List<String> batches, Integer billCycleDay, List<String> accountIds,
                       Set<ChargeType> chargeTypesToExclude, boolean autoPost, boolean autoEmail,
                       boolean noEmailForZeroAmountInvoice) {
    }

    BillRunOptions options() {
        RunTemplate template = runTemplate == null ? new RunTemplate(null, null, null, null, false, false, false) : runTemplate;
        return new BillRunOptions(targetDate(), null, template.batches(), template.billCycleDay(), template.accountIds(),
                template.chargeTypesToExclude(), template.autoPost(), template.autoEmail(),
                template.noEmailForZeroAmountInvoice());
    }

    LocalDate targetDate() {
        ZoneId zone = timeZone == null || timeZone.isBlank() ? ZoneOffset.UTC : ZoneId.of(timeZone);
        return scheduledTime.atZone(zone).toLocalDate();
    }
}

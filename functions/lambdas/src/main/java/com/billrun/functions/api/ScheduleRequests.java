package com.billrun.functions.api;

import com.billrun.core.BillingDataException;
import com.billrun.core.RequestLimits;
import com.billrun.core.schedule.ScheduleExpression;
import com.billrun.core.schedule.SkippedFirings;
import com.billrun.store.RunTemplate;
import com.billrun.store.Schedule;
import com.billrun.store.ScheduleState;
import com.billrun.usecases.billrun.BillRunOptionsCheck;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Reads the body of POST /schedules (infra/openapi.yaml) into a schedule: {@code expression} as EventBridge Scheduler
 * reads it, an IANA {@code timeZone}, and {@code run}, the template of its runs, checked by the same rules as
 * POST /bill-runs (so a schedule cannot store options that would fail every month). Nothing is stored here.
 */
final class ScheduleRequests {

    static final int MAX_TIME_ZONE_LENGTH = 64;
    static final int MAX_INVOICE_DATE_OFFSET_DAYS = 31;

    private ScheduleRequests() {
    }

    /** The schedule the caller asked for, owned by them, starting at the next whole minute after {@code now}. */
    static Schedule schedule(JsonBody body, Caller caller, String scheduleId, Instant now) {
        String name = body.string("name", RequestLimits.MAX_NAME_LENGTH).orElse(null);
        String expressionText = body.requiredString("expression", RequestLimits.MAX_SCHEDULE_EXPRESSION_LENGTH);
        String zoneText = body.requiredString("timeZone", MAX_TIME_ZONE_LENGTH);
        RunTemplate template = body.object("run").map(ScheduleRequests::template).orElse(RunTemplate.ALL_ACCOUNTS);
        body.rejectUnknownFields();
        if (caller.email() == null || caller.email().isBlank()) {
            throw ApiProblem.invalid(null, "the token carries no email: a schedule's runs need an owner to notify");
        }
        Instant startAt = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        try {
            ScheduleExpression expression = ScheduleExpression.parse(expressionText);
            ZoneId zone = ScheduleExpression.zone(zoneText);
            refuseSkippedFirings(expression, zone, now);
            if (expression.nextFireAfter(now, zone, startAt).isEmpty()) {
                throw ApiProblem.invalid("expression", "never fires again");
            }
            checkTemplate(template, now.atZone(zone).toLocalDate());
            return new Schedule(caller.tenantId(), scheduleId, name, expression.text(), zone.getId(), template,
                    caller.email(), now, startAt, ScheduleState.ENABLED);
        } catch (BillingDataException e) {
            throw ApiProblem.invalid(e.field(), e.reason());
        }
    }

    private static RunTemplate template(JsonBody template) {
        int offset = template.integer("invoiceDateOffsetDays", -MAX_INVOICE_DATE_OFFSET_DAYS, MAX_INVOICE_DATE_OFFSET_DAYS)
                .orElse(0);
        return BillRunRequests.template(template, offset);
    }

    /**
     * RULES.md Schedules: EventBridge Scheduler does not fire at a wall-clock time the spring-forward skips, and a
     * skipped monthly bill run is a missed billing cycle, so such a schedule is refused rather than created.
     */
    private static void refuseSkippedFirings(ScheduleExpression expression, ZoneId zone, Instant now) {
        SkippedFirings.first(expression, zone, now, now.plus(366, ChronoUnit.DAYS)).ifPresent(skipped -> {
            throw ApiProblem.invalid("expression", "would fire at " + skipped + " in " + zone.getId()
                    + ", a time the change to summer time skips: that run would not happen (a missed billing cycle)."
                    + " Pick a time outside the hour the clocks go forward in this zone");
        });
    }

    /** The template as the run of a firing today would have it, checked as POST /bill-runs checks a run. */
    private static void checkTemplate(RunTemplate template, LocalDate today) {
        try {
            BillRunOptionsCheck.check(template.optionsOn(today));
        } catch (BillingDataException e) {
            throw ApiProblem.invalid("run." + e.field(), e.reason());
        }
    }
}

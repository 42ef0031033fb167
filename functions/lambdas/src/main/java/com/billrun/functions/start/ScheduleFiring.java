package com.billrun.functions.start;

import com.billrun.store.BillRunOptions;
import com.billrun.store.RunTemplate;
import com.billrun.store.Schedule;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a bill-run schedule sends when it fires: the input an EventBridge Scheduler schedule (created by the API's
 * POST /schedules) passes to the start function, and what {@code ./billrun serve}'s local scheduler sends too, e.g.
 * <pre>{@code
 * {"tenantId": "acme", "scheduleId": "monthly-1st", "ownerEmail": "cfo@acme.example",
 *  "scheduledTime": "<aws.scheduler.scheduled-time>", "timeZone": "Europe/Paris",
 *  "runTemplate": {"billCycleDay": 1, "autoPost": true, "autoEmail": true}}
 * }</pre>
 * The run's target date (and invoice date) is the day the schedule fired, in the schedule's time zone.
 */
public record ScheduleFiring(String tenantId, String scheduleId, String ownerEmail, Instant scheduledTime,
                             String timeZone, RunTemplate runTemplate) {

    /** EventBridge Scheduler's context attribute, replaced by the firing's scheduled time in the target's input. */
    public static final String EVENTBRIDGE_SCHEDULED_TIME = "<aws.scheduler.scheduled-time>";

    private static final ObjectMapper JSON = new ObjectMapper();

    public ScheduleFiring {
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

    /**
     * The input of {@code schedule}'s firings as JSON; {@code scheduledTime} is an ISO-8601 instant, or
     * {@link #EVENTBRIDGE_SCHEDULED_TIME} for EventBridge Scheduler to fill in.
     */
    public static String input(Schedule schedule, String scheduledTime) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("tenantId", schedule.tenantId());
        input.put("scheduleId", schedule.id());
        input.put("ownerEmail", schedule.ownerEmail());
        input.put("scheduledTime", scheduledTime);
        input.put("timeZone", schedule.timeZone());
        input.put("runTemplate", schedule.template());
        try {
            return JSON.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the schedule's input", e);
        }
    }

    BillRunOptions options() {
        return (runTemplate == null ? RunTemplate.ALL_ACCOUNTS : runTemplate).optionsOn(targetDate());
    }

    LocalDate targetDate() {
        ZoneId zone = timeZone == null || timeZone.isBlank() ? ZoneOffset.UTC : ZoneId.of(timeZone);
        return scheduledTime.atZone(zone).toLocalDate();
    }
}

package com.billrun.functions.api;

import com.billrun.store.RunTemplate;
import com.billrun.store.Schedule;
import com.billrun.usecases.schedules.ScheduleTimes;
import java.time.Instant;
import java.util.List;

/** A schedule as the API shows it (infra/openapi.yaml {@code Schedule}), with its next firing as of now. */
record ScheduleView(String id, String name, String expression, String timeZone, TemplateView run,
                    String ownerEmail, Instant createdAt, Instant nextRunAt, String state) {

    static ScheduleView of(Schedule schedule, Instant now) {
        return new ScheduleView(schedule.id(), schedule.name(), schedule.expression(), schedule.timeZone(),
                TemplateView.of(schedule.template()), schedule.ownerEmail(), schedule.createdAt(),
                ScheduleTimes.nextAfter(schedule, now).orElse(null), schedule.state().name());
    }

    /** The run template; empty selections are left out, as a request would leave them out. */
    record TemplateView(int invoiceDateOffsetDays, List<String> batches, Integer billCycleDay, List<String> accountIds,
                        List<String> chargeTypesToExclude, boolean autoPost, boolean autoEmail,
                        boolean noEmailForZeroAmountInvoice) {

        static TemplateView of(RunTemplate template) {
            return new TemplateView(template.invoiceDateOffsetDays(), orNull(template.batches()), template.billCycleDay(),
                    orNull(template.accountIds()),
                    orNull(template.chargeTypesToExclude().stream().map(Enum::name).sorted().toList()),
                    template.autoPost(), template.autoEmail(), template.noEmailForZeroAmountInvoice());
        }

        private static List<String> orNull(List<String> values) {
            return values.isEmpty() ? null : values;
        }
    }
}

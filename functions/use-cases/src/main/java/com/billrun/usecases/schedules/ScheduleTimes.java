package com.billrun.usecases.schedules;

import com.billrun.core.schedule.ScheduleExpression;
import com.billrun.store.Schedule;
import java.time.Instant;
import java.util.Optional;

/** When a stored schedule fires, by the same rules as EventBridge Scheduler (billing-core {@link ScheduleExpression}). */
public final class ScheduleTimes {

    private ScheduleTimes() {
    }

    /** The first firing strictly after {@code after}; empty when it never fires again. */
    public static Optional<Instant> nextAfter(Schedule schedule, Instant after) {
        return ScheduleExpression.parse(schedule.expression())
                .nextFireAfter(after, ScheduleExpression.zone(schedule.timeZone()), schedule.startAt());
    }
}

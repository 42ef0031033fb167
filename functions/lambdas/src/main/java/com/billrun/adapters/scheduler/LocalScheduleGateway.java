package com.billrun.adapters.scheduler;

import com.billrun.store.Schedule;
import com.billrun.store.ScheduleRepository;
import com.billrun.usecases.schedules.ScheduleGateway;
import com.billrun.usecases.schedules.ScheduleTimes;
import java.time.Clock;

/**
 * The local stand-in for EventBridge Scheduler: a created schedule is armed in the store at its next firing, where
 * the local runtime's scheduler ({@link LocalScheduleFiring}) finds it when it is due. Deleting the schedule's item
 * takes it off that list, so deleting here has nothing left to do.
 */
final class LocalScheduleGateway implements ScheduleGateway {

    private final ScheduleRepository schedules;
    private final Clock clock;

    LocalScheduleGateway(ScheduleRepository schedules, Clock clock) {
        this.schedules = schedules;
        this.clock = clock;
    }

    @Override
    public void create(Schedule schedule) {
        ScheduleTimes.nextAfter(schedule, clock.instant())
                .ifPresent(next -> schedules.armLocalFiring(schedule.tenantId(), schedule.id(), next));
    }

    @Override
    public void delete(Schedule schedule) {
        // the item's deletion removes it from the local scheduler's list
    }
}

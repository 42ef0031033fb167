package com.billrun.usecases.schedules;

import com.billrun.store.Schedule;
import com.billrun.store.ScheduleRepository;

/**
 * Creates a recurring bill run: the schedule is stored first and the gateway (EventBridge Scheduler, or the local
 * runtime's scheduler) then makes it fire; when the gateway refuses, the item is removed again, so a failed create
 * leaves nothing behind.
 */
public final class CreateSchedule {

    private final ScheduleRepository schedules;
    private final ScheduleGateway gateway;

    public CreateSchedule(ScheduleRepository schedules, ScheduleGateway gateway) {
        this.schedules = schedules;
        this.gateway = gateway;
    }

    /** @return false when a schedule with this id already exists (nothing changed) */
    public boolean create(Schedule schedule) {
        if (!schedules.create(schedule)) {
            return false;
        }
        try {
            gateway.create(schedule);
        } catch (RuntimeException refused) {
            schedules.delete(schedule.tenantId(), schedule.id());
            throw refused;
        }
        return true;
    }
}

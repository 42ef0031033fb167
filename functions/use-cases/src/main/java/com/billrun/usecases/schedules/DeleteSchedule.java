package com.billrun.usecases.schedules;

import com.billrun.store.NotFoundException;
import com.billrun.store.Schedule;
import com.billrun.store.ScheduleRepository;

/** Deletes a schedule: the gateway's copy goes first, so nothing fires for a deleted item. */
public final class DeleteSchedule {

    private final ScheduleRepository schedules;
    private final ScheduleGateway gateway;

    public DeleteSchedule(ScheduleRepository schedules, ScheduleGateway gateway) {
        this.schedules = schedules;
        this.gateway = gateway;
    }

    /** @throws NotFoundException when the tenant has no such schedule (another tenant's is not found either) */
    public void delete(String tenantId, String scheduleId) {
        Schedule schedule = schedules.find(tenantId, scheduleId)
                .orElseThrow(() -> new NotFoundException("schedule", scheduleId));
        gateway.delete(schedule);
        schedules.delete(schedule.tenantId(), schedule.id());
    }
}

package com.billrun.usecases.schedules;

import com.billrun.store.Schedule;

/**
 * Whatever fires the tenants' schedules: EventBridge Scheduler on AWS, the local runtime's scheduler under
 * {@code ./billrun serve} and in tests (the adapters are in functions/lambdas, package
 * {@code com.billrun.adapters.scheduler}). The schedule item itself is the use cases' to store; this only makes it
 * fire, or stop firing.
 */
public interface ScheduleGateway {

    /** Starts firing a stored schedule. */
    void create(Schedule schedule);

    /** Stops firing it; a schedule that is already gone is fine (a retried DELETE). */
    void delete(Schedule schedule);
}

package com.billrun.store;

/** EventBridge Scheduler's schedule state; the API creates schedules ENABLED. */
public enum ScheduleState {
    ENABLED,
    DISABLED
}

package com.billrun.store;

import java.time.Instant;

/** A schedule whose next firing, {@code scheduledTime}, has come (the local scheduler's work list). */
public record DueSchedule(Schedule schedule, Instant scheduledTime) {
}

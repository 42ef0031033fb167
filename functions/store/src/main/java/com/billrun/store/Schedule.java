package com.billrun.store;

import java.time.Instant;

/**
 * A tenant's recurring bill run (infra/openapi.yaml POST /schedules): an EventBridge Scheduler {@code expression}
 * evaluated in {@code timeZone} from {@code startAt} (rate schedules count from it), the {@code template} of each
 * run, and its owner, who is each run's initiator and gets its emails.
 */
public record Schedule(String tenantId, String id, String name, String expression, String timeZone,
                       RunTemplate template, String ownerEmail, Instant createdAt, Instant startAt,
                       ScheduleState state) {
}

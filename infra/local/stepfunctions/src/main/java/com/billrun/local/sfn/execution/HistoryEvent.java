package com.billrun.local.sfn.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One GetExecutionHistory event: {@code type} as AWS names it (TaskStateEntered, TaskScheduled, ...), and its
 * details under the member name the API uses (e.g. "stateEnteredEventDetails"); details may be null.
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, String detailsKey,
                           ObjectNode details) {
}

package com.billrun.local.sfn.execution;

import com.billrun.local.sfn.StatesError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * An execution's event history, bounded like AWS's: "Maximum execution history size: 25,000 events ... If the
 * execution history reaches this quota the execution fails" (Step Functions service quotas). The closing
 * execution event is always recorded and is the last one: events that stopped branches report after it (a Map
 * iteration unwinding after StopExecution) are not kept.
 */
public final class History {
    private final int limit;
    private final Clock clock;
    private final List<HistoryEvent> events = new ArrayList<>();
    private boolean closed;

    public History(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    public synchronized HistoryEvent add(long previousEventId, String type, String detailsKey, ObjectNode details) {
        if (closed) {
            return new HistoryEvent(events.size(), previousEventId, clock.instant(), type, detailsKey, details);
        }
        if (events.size() >= limit && !type.startsWith("Execution")) {
            throw StatesError.runtime("The execution reached the maximum number of history events (" + limit + ")");
        }
        HistoryEvent event = new HistoryEvent(events.size() + 1L, previousEventId, clock.instant(), type, detailsKey, details);
        events.add(event);
        closed = type.startsWith("Execution") && !type.equals("ExecutionStarted");
        return event;
    }

    public synchronized List<HistoryEvent> events() {
        return List.copyOf(events);
    }

    public synchronized long lastEventId() {
        return events.size();
    }
}

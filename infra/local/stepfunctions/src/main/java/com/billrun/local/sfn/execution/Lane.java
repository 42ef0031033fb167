package com.billrun.local.sfn.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One line of events in a history: the execution's main path, or one Map iteration / Parallel branch. It links
 * each event to the previous one of the same line (previousEventId), as AWS histories do.
 */
public final class Lane {
    private final History history;
    private long lastEventId;

    public Lane(History history, long lastEventId) {
        this.history = history;
        this.lastEventId = lastEventId;
    }

    public HistoryEvent add(String type, String detailsKey, ObjectNode details) {
        HistoryEvent event = history.add(lastEventId, type, detailsKey, details);
        lastEventId = event.id();
        return event;
    }

    public HistoryEvent add(String type) {
        return add(type, null, null);
    }

    public Lane branch() {
        return new Lane(history, lastEventId);
    }
}

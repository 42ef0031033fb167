package com.billrun.local.sfn.definition;

import java.util.Map;

/** A set of states and where to start: the state machine itself, a Map's ItemProcessor, a Parallel branch. */
public record StateGraph(String startAt, Map<String, State> states) {
    public State state(String name) {
        return states.get(name);
    }
}

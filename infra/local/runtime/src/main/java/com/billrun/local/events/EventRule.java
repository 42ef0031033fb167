package com.billrun.local.events;

import java.util.List;

/** An EventBridge rule on the default bus whose targets are functions of the local Lambda runner. */
public record EventRule(String name, EventPattern pattern, List<String> targetFunctions) {

    public EventRule {
        targetFunctions = List.copyOf(targetFunctions);
    }
}

package com.billrun.local.sfn.execution;

import com.billrun.local.sfn.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The context object ({@code $$}): Execution (Id, Input, Name, RoleArn, StartTime, RedriveCount), StateMachine
 * (Id, Name), State (Name, EnteredTime, RetryCount), Task (Token, only for .waitForTaskToken) and, inside a Map's
 * ItemSelector, Map.Item (Index, Value) ("Accessing execution data from the Context object"). Copies are shallow:
 * context nodes are never written to (ResultPath writes into a deep copy of the state input), so every state can
 * share the execution's Input instead of copying up to 256 KiB per state.
 */
final class ContextObject {
    private ContextObject() {
    }

    static ObjectNode base(Execution execution, JsonNode input) {
        ObjectNode context = Json.object();
        ObjectNode exec = context.putObject("Execution");
        exec.put("Id", execution.arn());
        exec.set("Input", input);
        exec.put("Name", execution.name());
        exec.put("RoleArn", execution.stateMachine().roleArn());
        exec.put("StartTime", timestamp(execution.startDate()));
        exec.put("RedriveCount", 0);
        ObjectNode machine = context.putObject("StateMachine");
        machine.put("Id", execution.stateMachine().arn());
        machine.put("Name", execution.stateMachine().name());
        return context;
    }

    static ObjectNode forState(ObjectNode base, String stateName, Instant enteredTime, int retryCount) {
        ObjectNode context = shallowCopy(base);
        context.putObject("State").put("Name", stateName).put("EnteredTime", timestamp(enteredTime)).put("RetryCount", retryCount);
        return context;
    }

    static ObjectNode withTaskToken(ObjectNode stateContext, String token) {
        ObjectNode context = shallowCopy(stateContext);
        context.putObject("Task").put("Token", token);
        return context;
    }

    static ObjectNode withMapItem(ObjectNode stateContext, int index, JsonNode value) {
        ObjectNode context = shallowCopy(stateContext);
        context.putObject("Map").putObject("Item").put("Index", index).set("Value", value);
        return context;
    }

    private static ObjectNode shallowCopy(ObjectNode context) {
        ObjectNode copy = Json.object();
        copy.setAll(context);
        return copy;
    }

    /**
     * Milliseconds, always three digits, as AWS shows them (e.g. {@code 2026-12-05T02:03:04.123Z}; "Accessing
     * execution data from the Context object", https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html).
     */
    static String timestamp(Instant instant) {
        return MILLISECONDS.format(instant);
    }

    private static final DateTimeFormatter MILLISECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);
}

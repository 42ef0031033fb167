package com.billrun.functions;

import java.util.Map;

/**
 * The payload the state machines give a run's task Lambdas: {@code {tenantId, billRunId, ...}} (only ids travel
 * in Step Functions payloads; the run itself is read from the table).
 */
public record RunTask(String tenantId, String billRunId) {

    public static RunTask of(Map<String, Object> payload) {
        return new RunTask(required(payload, "tenantId"), required(payload, "billRunId"));
    }

    public static String required(Map<String, Object> payload, String name) {
        Object value = payload == null ? null : payload.get(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("the task payload has no " + name + ": " + payload);
        }
        return value.toString();
    }
}

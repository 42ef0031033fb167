package com.billrun.local.sfn;

import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.ExecutionStatus;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The "Step Functions Execution Status Change" event a Standard workflow sends to EventBridge's default bus when an
 * execution starts (RUNNING) and when it ends (SUCCEEDED, FAILED, TIMED_OUT, ABORTED), in AWS's shape
 * (https://docs.aws.amazon.com/step-functions/latest/dg/eventbridge-integration.html): the envelope (version, id,
 * detail-type, source {@code aws.states}, account, time, region, resources = the execution ARN) and a detail with
 * executionArn, stateMachineArn, name, status, startDate and stopDate (epoch milliseconds), input and output as
 * JSON text with their {@code included} details, and error and cause.
 */
public final class ExecutionStatusEvents {

    public static final String SOURCE = "aws.states";
    public static final String DETAIL_TYPE = "Step Functions Execution Status Change";

    private ExecutionStatusEvents() {
    }

    public static ObjectNode of(Execution execution, Instant time) {
        String[] arn = execution.arn().split(":");
        ObjectNode event = Json.object();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", DETAIL_TYPE);
        event.put("source", SOURCE);
        event.put("account", arn.length > 4 ? arn[4] : "");
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", arn.length > 3 ? arn[3] : "");
        event.putArray("resources").add(execution.arn());
        ObjectNode detail = event.putObject("detail");
        detail.put("executionArn", execution.arn());
        detail.put("stateMachineArn", execution.stateMachine().arn());
        detail.put("name", execution.name());
        ExecutionStatus status = execution.status();
        detail.put("status", status.name());
        detail.put("startDate", execution.startDate().toEpochMilli());
        Instant stopDate = execution.stopDate();
        if (stopDate == null) {
            detail.putNull("stopDate");
        } else {
            detail.put("stopDate", stopDate.toEpochMilli());
        }
        detail.put("input", execution.input());
        detail.putObject("inputDetails").put("included", true);
        if (status == ExecutionStatus.SUCCEEDED) {
            detail.put("output", execution.output());
            detail.putObject("outputDetails").put("included", true);
        } else {
            detail.putNull("output");
            detail.putNull("outputDetails");
        }
        putOrNull(detail, "error", execution.error());
        putOrNull(detail, "cause", execution.cause());
        return event;
    }

    private static void putOrNull(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}

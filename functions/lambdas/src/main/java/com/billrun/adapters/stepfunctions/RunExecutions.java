package com.billrun.adapters.stepfunctions;

import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts executions of one state machine for a bill run: input {@code {tenantId, billRunId}} (ids only: payloads
 * max out at 256 KiB). The caller names the execution deterministically, so Step Functions refuses a second start
 * of the same name and a repeated request stays one execution.
 */
final class RunExecutions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SfnClient sfn;
    private final String stateMachineArn;

    RunExecutions(SfnClient sfn, String stateMachineArn, String variable) {
        if (stateMachineArn == null || stateMachineArn.isBlank()) {
            throw new IllegalArgumentException(variable + " is not set");
        }
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    /** @return false when an execution of that name exists already (it runs, or ran, once) */
    boolean start(String executionName, String tenantId, String billRunId) {
        String input = JSON.createObjectNode().put("tenantId", tenantId).put("billRunId", billRunId).toString();
        try {
            sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(executionName).input(input));
            return true;
        } catch (ExecutionAlreadyExistsException alreadyStarted) {
            return false;
        }
    }
}

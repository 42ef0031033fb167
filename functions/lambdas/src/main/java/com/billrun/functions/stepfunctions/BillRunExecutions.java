package com.billrun.functions.stepfunctions;

import com.billrun.billrun.ExecutionStarter;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts the bill-run state machine: execution name = run id, input {@code {tenantId, billRunId}} (ids only).
 * Step Functions refuses a second execution of the same name, which is how a double start stays one run.
 */
public final class BillRunExecutions implements ExecutionStarter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SfnClient sfn;
    private final String stateMachineArn;

    public BillRunExecutions(SfnClient sfn, String stateMachineArn) {
        if (stateMachineArn == null || stateMachineArn.isBlank()) {
            throw new IllegalArgumentException("BILL_RUN_STATE_MACHINE_ARN is not set");
        }
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public Started start(String tenantId, String billRunId) {
        String input = JSON.createObjectNode().put("tenantId", tenantId).put("billRunId", billRunId).toString();
        try {
            sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(billRunId).input(input));
            return Started.STARTED;
        } catch (ExecutionAlreadyExistsException alreadyStarted) {
            return Started.ALREADY_STARTED;
        }
    }
}

package com.billrun.adapters.stepfunctions;

import com.billrun.usecases.billrun.ExecutionStarter;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Starts the bill-run state machine with execution name = run id, so a double start stays one run. */
public final class BillRunExecutions implements ExecutionStarter {

    private final RunExecutions executions;

    public BillRunExecutions(SfnClient sfn, String stateMachineArn) {
        this.executions = new RunExecutions(sfn, stateMachineArn, "BILL_RUN_STATE_MACHINE_ARN");
    }

    @Override
    public Started start(String tenantId, String billRunId) {
        return executions.start(billRunId, tenantId, billRunId) ? Started.STARTED : Started.ALREADY_STARTED;
    }
}

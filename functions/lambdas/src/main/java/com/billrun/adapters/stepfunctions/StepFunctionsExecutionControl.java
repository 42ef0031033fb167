package com.billrun.adapters.stepfunctions;

import com.billrun.usecases.billrun.ExecutionControl;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * {@link ExecutionControl} on Step Functions: DescribeExecution, StopExecution and StartExecution on the execution
 * ARN built from the state machine's ARN and the execution's name
 * ({@code arn:...:execution:{stateMachineName}:{executionName}}).
 *
 * <p>Why DescribeExecution and not ListExecutions: a run's executions all have deterministic names, so asking about
 * each is a handful of exact reads, whatever else runs; ListExecutions would page through every running execution
 * of the state machine, of every tenant, to find this run's, and is documented as eventually consistent.
 */
public final class StepFunctionsExecutionControl implements ExecutionControl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SfnClient sfn;
    private final String billRunStateMachineArn;
    private final String postRunStateMachineArn;

    public StepFunctionsExecutionControl(SfnClient sfn, String billRunStateMachineArn, String postRunStateMachineArn) {
        if (billRunStateMachineArn == null || billRunStateMachineArn.isBlank()) {
            throw new IllegalArgumentException("BILL_RUN_STATE_MACHINE_ARN is not set");
        }
        if (postRunStateMachineArn == null || postRunStateMachineArn.isBlank()) {
            throw new IllegalArgumentException("POST_RUN_STATE_MACHINE_ARN is not set");
        }
        this.sfn = sfn;
        this.billRunStateMachineArn = billRunStateMachineArn;
        this.postRunStateMachineArn = postRunStateMachineArn;
    }

    /** Which of the two machines an ARN names; null for any other. */
    public Machine machineOf(String stateMachineArn) {
        if (billRunStateMachineArn.equals(stateMachineArn)) {
            return Machine.BILL_RUN;
        }
        return postRunStateMachineArn.equals(stateMachineArn) ? Machine.POST_RUN : null;
    }

    @Override
    public boolean isRunning(Execution execution) {
        try {
            return sfn.describeExecution(b -> b.executionArn(arn(execution))).status() == ExecutionStatus.RUNNING;
        } catch (ExecutionDoesNotExistException never) {
            return false;
        }
    }

    @Override
    public boolean stop(Execution execution, String error, String cause) {
        if (!isRunning(execution)) {
            return false;
        }
        try {
            sfn.stopExecution(b -> b.executionArn(arn(execution)).error(error).cause(cause));
            return true;
        } catch (ExecutionDoesNotExistException never) {
            return false;
        }
    }

    @Override
    public boolean start(Execution execution, String tenantId, String billRunId) {
        String input = JSON.createObjectNode().put("tenantId", tenantId).put("billRunId", billRunId).toString();
        try {
            sfn.startExecution(b -> b.stateMachineArn(stateMachineArn(execution.machine())).name(execution.name()).input(input));
            return true;
        } catch (ExecutionAlreadyExistsException alreadyStarted) {
            return false;
        }
    }

    private String arn(Execution execution) {
        return stateMachineArn(execution.machine()).replaceFirst(":stateMachine:", ":execution:") + ":" + execution.name();
    }

    private String stateMachineArn(Machine machine) {
        return machine == Machine.BILL_RUN ? billRunStateMachineArn : postRunStateMachineArn;
    }
}

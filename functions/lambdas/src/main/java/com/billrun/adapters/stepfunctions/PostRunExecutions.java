package com.billrun.adapters.stepfunctions;

import com.billrun.usecases.billrun.PostStarter;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Starts the post-run state machine with execution name {@code {runId}-post-{attempt}}: a repeated start of the
 * same attempt posts once, and a run whose post failed can be posted again under the next attempt.
 */
public final class PostRunExecutions implements PostStarter {

    private final RunExecutions executions;

    public PostRunExecutions(SfnClient sfn, String stateMachineArn) {
        this.executions = new RunExecutions(sfn, stateMachineArn, "POST_RUN_STATE_MACHINE_ARN");
    }

    @Override
    public void startPost(String tenantId, String billRunId, int attempt) {
        executions.start(billRunId + "-post-" + attempt, tenantId, billRunId);
    }
}

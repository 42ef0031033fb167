package com.billrun.functions.stepfunctions;

import com.billrun.billrun.PostStarter;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts the post-run state machine: execution name {@code {runId}-post-{attempt}}, input {@code {tenantId,
 * billRunId}}. A repeated start of the same attempt is refused by Step Functions, so it posts once.
 */
public final class PostRunExecutions implements PostStarter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SfnClient sfn;
    private final String stateMachineArn;

    public PostRunExecutions(SfnClient sfn, String stateMachineArn) {
        if (stateMachineArn == null || stateMachineArn.isBlank()) {
            throw new IllegalArgumentException("POST_RUN_STATE_MACHINE_ARN is not set");
        }
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public void startPost(String tenantId, String billRunId, int attempt) {
        String input = JSON.createObjectNode().put("tenantId", tenantId).put("billRunId", billRunId).toString();
        try {
            sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(billRunId + "-post-" + attempt).input(input));
        } catch (ExecutionAlreadyExistsException alreadyStarted) {
            // this attempt was started before: it runs (or ran) once
        }
    }
}

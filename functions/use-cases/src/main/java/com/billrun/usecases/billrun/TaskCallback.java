package com.billrun.usecases.billrun;

import java.util.Map;

/**
 * Answers a state machine waiting on a task token ({@code sqs:sendMessage.waitForTaskToken}); the Step Functions
 * adapter lives with the handlers.
 */
public interface TaskCallback {

    /** @return false when the task is already over (timed out, its execution stopped): nobody waits any more */
    boolean success(String taskToken, Map<String, Object> output);

    /** @return false when the task is already over */
    boolean failure(String taskToken, String error, String cause);

    /** Tells the state machine the task is alive (its HeartbeatSeconds); false when the task is already over. */
    boolean heartbeat(String taskToken);
}

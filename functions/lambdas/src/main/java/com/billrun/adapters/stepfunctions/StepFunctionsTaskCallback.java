package com.billrun.adapters.stepfunctions;

import com.billrun.usecases.billrun.TaskCallback;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** {@link TaskCallback} on Step Functions: SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat. */
public final class StepFunctionsTaskCallback implements TaskCallback {

    /** SendTaskFailure's limits: error 256 characters, cause 32,768. */
    private static final int MAX_ERROR = 256;
    private static final int MAX_CAUSE = 32_768;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SfnClient sfn;

    public StepFunctionsTaskCallback(SfnClient sfn) {
        this.sfn = sfn;
    }

    @Override
    public boolean success(String taskToken, Map<String, Object> output) {
        String json = json(output);
        return unlessOver(() -> sfn.sendTaskSuccess(b -> b.taskToken(taskToken).output(json)));
    }

    /** A task's output as SendTaskSuccess takes it. */
    public static String json(Map<String, Object> output) {
        try {
            return JSON.writeValueAsString(output);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("task output is not JSON-serialisable: " + output, e);
        }
    }

    @Override
    public boolean failure(String taskToken, String error, String cause) {
        return unlessOver(() -> sfn.sendTaskFailure(b -> b.taskToken(taskToken).error(cut(error, MAX_ERROR))
                .cause(cut(cause, MAX_CAUSE))));
    }

    @Override
    public boolean heartbeat(String taskToken) {
        return unlessOver(() -> sfn.sendTaskHeartbeat(b -> b.taskToken(taskToken)));
    }

    /** A token whose task timed out or whose execution ended is refused: there is nobody left to answer. */
    private static boolean unlessOver(Runnable call) {
        try {
            call.run();
            return true;
        } catch (TaskTimedOutException | InvalidTokenException | TaskDoesNotExistException over) {
            return false;
        }
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}

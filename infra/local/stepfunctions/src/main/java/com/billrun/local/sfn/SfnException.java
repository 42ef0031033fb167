package com.billrun.local.sfn;

/**
 * A Step Functions API error, named as the service names it (the "__type" of its JSON error body):
 * ExecutionAlreadyExists, ExecutionDoesNotExist, StateMachineDoesNotExist, InvalidName, InvalidArn,
 * InvalidDefinition, InvalidExecutionInput, InvalidToken, TaskDoesNotExist, TaskTimedOut, InvalidOutput, ...
 */
public final class SfnException extends Exception {
    private final String errorCode;

    public SfnException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}

package com.billrun.local.sfn;

/**
 * An error raised while a state runs, named as Amazon States Language names it (the "Error" and "Cause" a
 * Catcher receives). Reserved names start with {@code States.}; task errors carry the name the task reported.
 */
public final class StatesError extends RuntimeException {
    public static final String ALL = "States.ALL";
    public static final String RUNTIME = "States.Runtime";
    public static final String TIMEOUT = "States.Timeout";
    public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    public static final String TASK_FAILED = "States.TaskFailed";
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
    public static final String BRANCH_FAILED = "States.BranchFailed";

    private final String error;
    private final String errorCause;

    public StatesError(String error, String cause) {
        super(error + ": " + cause);
        this.error = error; // null only for a Fail state without Error
        this.errorCause = cause;
    }

    public static StatesError runtime(String cause) {
        return new StatesError(RUNTIME, cause);
    }

    public String error() {
        return error;
    }

    public String errorCause() {
        return errorCause;
    }

    /**
     * "States.ALL ... cannot catch the States.DataLimitExceeded terminal error or Runtime error types"
     * (AWS, Handling errors in Step Functions workflows, "Error names"): such errors always fail the execution.
     */
    public boolean isTerminal() {
        return RUNTIME.equals(error) || DATA_LIMIT_EXCEEDED.equals(error);
    }
}

package com.billrun.usecases.billrun;

/**
 * The executions that drive a run, by name (the Step Functions adapter lives with the handlers): is one still
 * running, stop it, start one under a new name. Every name is deterministic ({@link RunExecutionNames}), so the
 * use cases can ask about each execution a run ever had without listing a state machine's executions.
 */
public interface ExecutionControl {

    /** Which state machine: the bill run (generate, and post when it asks for autoPost) or the post run. */
    enum Machine { BILL_RUN, POST_RUN }

    /** One execution of a run: its state machine and its name. */
    record Execution(Machine machine, String name) {
    }

    /** @return true while the execution runs; false when it ended or never existed */
    boolean isRunning(Execution execution);

    /** StopExecution (the execution ends ABORTED). @return false when it was not running */
    boolean stop(Execution execution, String error, String cause);

    /**
     * Starts the execution with input {@code {tenantId, billRunId}}.
     *
     * @return false when an execution of that name exists already (Step Functions refuses the name)
     */
    boolean start(Execution execution, String tenantId, String billRunId);
}

package com.billrun.usecases.billrun;

/**
 * Starts the bill-run state machine for a run (the Step Functions adapter lives with the handlers). The execution
 * is named after the run, so starting a run twice can never run it twice.
 */
@FunctionalInterface
public interface ExecutionStarter {

    enum Started { STARTED, ALREADY_STARTED }

    /** Starts execution {@code billRunId} with input {@code {tenantId, billRunId}}. */
    Started start(String tenantId, String billRunId);
}

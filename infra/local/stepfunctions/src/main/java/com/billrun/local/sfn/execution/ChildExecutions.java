package com.billrun.local.sfn.execution;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a Distributed Map starts its child workflow executions: the engine registers each one like any execution
 * (DescribeExecution, GetExecutionHistory, StopExecution and the status change events work on it) and runs it
 * outside the bound on concurrent top-level executions, since its parent already holds a place and waits for it.
 */
public interface ChildExecutions {
    Execution start(RegisteredStateMachine childMachine, String name, JsonNode input);
}

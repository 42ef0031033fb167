package com.billrun.local.bench;

import com.billrun.local.sfn.StepFunctionsEngine;
import java.util.OptionalLong;

/**
 * Step Functions state transitions since the local engine started (what Standard workflows are billed by), or
 * nothing when they are not counted.
 */
@FunctionalInterface
interface StateTransitions {

    OptionalLong total();

    /** Not counted: the units file and the bench's line say {@code n/a}. */
    StateTransitions NOT_COUNTED = OptionalLong::empty;

    /**
     * Counted from the executions' histories: one transition per {@code *StateEntered} event (AWS bills each state
     * a workflow enters, retries included). It sees the executions the engine lists under each state machine, so
     * the child executions of a Distributed Map, if the engine keeps them elsewhere, are not in it: the engine's
     * own count ({@code StepFunctionsEngine.stateTransitions()}) replaces this where the engine has it.
     */
    static StateTransitions fromHistories(StepFunctionsEngine engine) {
        return () -> OptionalLong.of(engine.stateMachines().stream()
                .flatMap(machine -> engine.executions(machine.arn()).stream())
                .flatMap(execution -> execution.history().events().stream())
                .filter(event -> event.type().endsWith("StateEntered"))
                .count());
    }
}

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
     * The engine's own count ({@link StepFunctionsEngine#stateTransitions()}): every state entered and every retry,
     * over every execution, the child executions of a Distributed Map included (what AWS bills Standard workflows).
     */
    static StateTransitions of(StepFunctionsEngine engine) {
        return () -> OptionalLong.of(engine.stateTransitions());
    }
}

package com.billrun.local.sfn.execution;

import com.billrun.local.sfn.definition.StateMachineDefinition;
import java.time.Instant;

/** A state machine the engine knows, by name and ARN. */
public record RegisteredStateMachine(String name, String arn, StateMachineDefinition definition, String roleArn,
                                     Instant creationDate) {
}

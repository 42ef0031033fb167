package com.billrun.local.sfn.definition;

/**
 * A loaded, validated definition. {@code timeoutSeconds} is the top-level TimeoutSeconds (null: none);
 * {@code text} the definition after DefinitionSubstitutions (what DescribeStateMachine returns).
 */
public record StateMachineDefinition(StateGraph graph, Integer timeoutSeconds, String text) {
}

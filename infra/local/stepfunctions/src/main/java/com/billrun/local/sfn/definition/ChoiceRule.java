package com.billrun.local.sfn.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A Choice Rule (JSONPath): a comparison on a Variable, or And / Or / Not of nested rules. */
public sealed interface ChoiceRule {

    record And(List<ChoiceRule> rules) implements ChoiceRule {
    }

    record Or(List<ChoiceRule> rules) implements ChoiceRule {
    }

    record Not(ChoiceRule rule) implements ChoiceRule {
    }

    /**
     * {@code Variable} compared with {@code operand}; for the *Path operators the operand is a path (text node)
     * read from the same input.
     */
    record Comparison(String variable, ComparisonOperator operator, boolean operandIsPath, JsonNode operand) implements ChoiceRule {
    }
}

package com.billrun.local.sfn.execution;

import com.billrun.local.sfn.definition.ChoiceRule;
import com.billrun.local.sfn.definition.ComparisonOperator;
import com.billrun.local.sfn.jsonpath.JsonPaths;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Evaluates JSONPath Choice Rules. A comparison whose Variable is absent is a States.Runtime error — AWS's
 * guidance is to guard such rules with IsPresent, which alone accepts a missing value. A value of the wrong
 * type for the operator does not match (StringEquals on a number is false).
 */
final class ChoiceEvaluator {
    private ChoiceEvaluator() {
    }

    static boolean matches(ChoiceRule rule, JsonNode input, JsonNode context) {
        return switch (rule) {
            case ChoiceRule.And and -> and.rules().stream().allMatch(r -> matches(r, input, context));
            case ChoiceRule.Or or -> or.rules().stream().anyMatch(r -> matches(r, input, context));
            case ChoiceRule.Not not -> !matches(not.rule(), input, context);
            case ChoiceRule.Comparison comparison -> compare(comparison, input, context);
        };
    }

    private static boolean compare(ChoiceRule.Comparison rule, JsonNode input, JsonNode context) {
        Optional<JsonNode> found = JsonPaths.find(rule.variable(), input, context);
        if (rule.operator() == ComparisonOperator.IsPresent) {
            return found.isPresent() == rule.operand().booleanValue();
        }
        JsonNode value = found.orElseThrow(() -> com.billrun.local.sfn.StatesError.runtime("Invalid path '"
                + rule.variable() + "': The choice state's condition path references an invalid value."));
        JsonNode operand = rule.operandIsPath() ? JsonPaths.read(rule.operand().textValue(), input, context) : rule.operand();
        ComparisonOperator.Relation relation = rule.operator().relation();
        return switch (rule.operator().kind()) {
            case STRING -> value.isTextual() && operand.isTextual() && relation.holds(value.textValue().compareTo(operand.textValue()));
            case PATTERN -> value.isTextual() && globMatches(operand.textValue(), value.textValue());
            case NUMERIC -> value.isNumber() && operand.isNumber() && relation.holds(value.decimalValue().compareTo(operand.decimalValue()));
            case BOOLEAN -> value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
            case TIMESTAMP -> {
                Optional<OffsetDateTime> left = timestamp(value);
                Optional<OffsetDateTime> right = timestamp(operand);
                yield left.isPresent() && right.isPresent() && relation.holds(left.get().toInstant().compareTo(right.get().toInstant()));
            }
            case TYPE_TEST -> typeTest(rule.operator(), value) == operand.booleanValue();
        };
    }

    private static boolean typeTest(ComparisonOperator operator, JsonNode value) {
        return switch (operator) {
            case IsNull -> value.isNull();
            case IsNumeric -> value.isNumber();
            case IsString -> value.isTextual();
            case IsBoolean -> value.isBoolean();
            case IsTimestamp -> timestamp(value).isPresent();
            default -> throw new IllegalStateException(operator.name());
        };
    }

    private static Optional<OffsetDateTime> timestamp(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(node.textValue()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** StringMatches: "*" matches any run of characters; "\*" a literal asterisk and "\\" a backslash. */
    static boolean globMatches(String pattern, String text) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return text.matches("(?s)" + regex);
    }
}

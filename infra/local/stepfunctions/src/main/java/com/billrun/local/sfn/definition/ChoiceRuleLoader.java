package com.billrun.local.sfn.definition;

import com.billrun.local.sfn.jsonpath.JsonPaths;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads Choice Rules: a top-level rule has Next; a nested rule (inside And/Or/Not) must not. A comparison has
 * a Variable and exactly one operator, whose operand has the operator's type (a string for String*, a number for
 * Numeric*, a boolean for BooleanEquals and the Is* tests, an RFC3339 string for Timestamp*, a path for *Path).
 */
final class ChoiceRuleLoader {
    private final StateFieldReader state;

    ChoiceRuleLoader(StateFieldReader state) {
        this.state = state;
    }

    State.ChoiceBranch topLevel(JsonNode node, String where) {
        if (!node.isObject()) {
            throw state.error(where, "must be an object");
        }
        JsonNode next = node.get("Next");
        if (next == null || !next.isTextual()) {
            throw state.error(where + ".Next", "is required in a top-level Choice Rule");
        }
        return new State.ChoiceBranch(rule(node, where, true), next.textValue());
    }

    private ChoiceRule rule(JsonNode node, String where, boolean topLevel) {
        if (!node.isObject()) {
            throw state.error(where, "must be an object");
        }
        if (!topLevel && node.has("Next")) {
            throw state.error(where + ".Next", "only top-level Choice Rules may have Next");
        }
        List<String> combinators = new ArrayList<>();
        List<ComparisonOperator.Match> operators = new ArrayList<>();
        List<String> operatorFields = new ArrayList<>();
        for (String field : DefinitionLoader.iterable(node.fieldNames())) {
            switch (field) {
                case "Next", "Comment", "Variable" -> {
                }
                case "And", "Or", "Not" -> combinators.add(field);
                default -> {
                    Optional<ComparisonOperator.Match> match = ComparisonOperator.byFieldName(field);
                    if (match.isEmpty()) {
                        throw state.error(where + "." + field, "unknown Choice Rule field");
                    }
                    operators.add(match.get());
                    operatorFields.add(field);
                }
            }
        }
        if (combinators.size() + operators.size() != 1) {
            throw state.error(where, "a Choice Rule needs exactly one of And, Or, Not or a comparison operator; found "
                    + combinators + operatorFields);
        }
        if (!combinators.isEmpty()) {
            if (node.has("Variable")) {
                throw state.error(where + ".Variable", "cannot be used with " + combinators.getFirst());
            }
            return combinator(node, where, combinators.getFirst());
        }
        return comparison(node, where, operators.getFirst(), operatorFields.getFirst());
    }

    private ChoiceRule combinator(JsonNode node, String where, String kind) {
        JsonNode inner = node.get(kind);
        if (kind.equals("Not")) {
            return new ChoiceRule.Not(rule(inner, where + ".Not", false));
        }
        if (!inner.isArray() || inner.isEmpty()) {
            throw state.error(where + "." + kind, "must be a non-empty array of Choice Rules");
        }
        List<ChoiceRule> rules = new ArrayList<>();
        for (int i = 0; i < inner.size(); i++) {
            rules.add(rule(inner.get(i), where + "." + kind + "[" + i + "]", false));
        }
        return kind.equals("And") ? new ChoiceRule.And(List.copyOf(rules)) : new ChoiceRule.Or(List.copyOf(rules));
    }

    private ChoiceRule comparison(JsonNode node, String where, ComparisonOperator.Match match, String field) {
        JsonNode variable = node.get("Variable");
        if (variable == null || !variable.isTextual()) {
            throw state.error(where + ".Variable", "is required with " + field);
        }
        checkPath(where + ".Variable", variable.textValue());
        JsonNode operand = node.get(field);
        String at = where + "." + field;
        if (match.path()) {
            if (!operand.isTextual()) {
                throw state.error(at, "must be a path");
            }
            checkPath(at, operand.textValue());
        } else {
            checkOperand(at, match.operator(), operand);
        }
        return new ChoiceRule.Comparison(variable.textValue(), match.operator(), match.path(), operand);
    }

    private void checkOperand(String at, ComparisonOperator operator, JsonNode operand) {
        boolean ok = switch (operator.kind()) {
            case STRING, PATTERN -> operand.isTextual();
            case NUMERIC -> operand.isNumber();
            case BOOLEAN, TYPE_TEST -> operand.isBoolean();
            case TIMESTAMP -> operand.isTextual() && isTimestamp(operand.textValue());
        };
        if (!ok) {
            throw state.error(at, "has the wrong type for " + operator + ": " + operand);
        }
    }

    private void checkPath(String at, String path) {
        String documentPath = path.startsWith("$$") ? path.substring(1) : path;
        JsonPaths.problem(documentPath).ifPresent(problem -> {
            throw state.error(at, problem);
        });
    }

    static boolean isTimestamp(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}

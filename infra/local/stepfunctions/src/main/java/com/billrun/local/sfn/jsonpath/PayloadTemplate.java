package com.billrun.local.sfn.jsonpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Payload Template (Parameters, ItemSelector, ResultSelector): "key-value pairs whose key ends with .$ have
 * their value, a path or an intrinsic function, replaced by the selected value, and the .$ is removed from the
 * key"; other values are copied as they are, nested objects and arrays are processed the same way
 * (Amazon States Language, "Payload Templates").
 */
public final class PayloadTemplate {
    private final JsonNode template;

    private PayloadTemplate(JsonNode template) {
        this.template = template;
    }

    /** Validates every {@code .$} value at load time; returns the problems (empty when valid). */
    public static List<String> problems(JsonNode template) {
        List<String> problems = new ArrayList<>();
        collectProblems(template, problems);
        return problems;
    }

    public static PayloadTemplate of(JsonNode template) {
        return new PayloadTemplate(template);
    }

    public JsonNode resolve(JsonNode data, JsonNode context) {
        return resolve(template, data, context);
    }

    private static JsonNode resolve(JsonNode node, JsonNode data, JsonNode context) {
        if (node instanceof ObjectNode object) {
            ObjectNode resolved = object.objectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String key = field.getKey();
                if (key.endsWith(".$")) {
                    resolved.set(key.substring(0, key.length() - 2), evaluate(field.getValue().textValue(), data, context));
                } else {
                    resolved.set(key, resolve(field.getValue(), data, context));
                }
            }
            return resolved;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode resolved = array.arrayNode();
            array.forEach(element -> resolved.add(resolve(element, data, context)));
            return resolved;
        }
        return node;
    }

    /** A path ("$.x", "$$.x") or an intrinsic function call, as the value of a ".$" key. */
    public static JsonNode evaluate(String expression, JsonNode data, JsonNode context) {
        if (IntrinsicCall.looksLikeCall(expression)) {
            return Intrinsics.evaluate(IntrinsicCall.parse(expression), data, context);
        }
        return JsonPaths.read(expression, data, context);
    }

    private static void collectProblems(JsonNode node, List<String> problems) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getKey().endsWith(".$")) {
                    expressionProblem(field.getKey(), field.getValue(), problems);
                } else {
                    collectProblems(field.getValue(), problems);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> collectProblems(element, problems));
        }
    }

    public static void expressionProblem(String key, JsonNode value, List<String> problems) {
        if (!value.isTextual()) {
            problems.add("'" + key + "' must be a string (a path or an intrinsic function)");
            return;
        }
        String expression = value.textValue();
        if (IntrinsicCall.looksLikeCall(expression)) {
            try {
                IntrinsicCall.parse(expression);
            } catch (IllegalArgumentException e) {
                problems.add("'" + key + "': " + e.getMessage());
            }
            return;
        }
        String documentPath = expression.startsWith("$$") ? expression.substring(1) : expression;
        JsonPaths.problem(documentPath).ifPresent(problem -> problems.add("'" + key + "': " + problem));
    }
}

package com.billrun.local.sfn.definition;

import com.billrun.local.sfn.jsonpath.JsonPaths;
import com.billrun.local.sfn.jsonpath.PayloadTemplate;
import com.billrun.local.sfn.jsonpath.ReferencePath;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Reads and checks the fields of one state; every error names the state and the field. */
final class StateFieldReader {
    private final String state;
    private final JsonNode node;

    StateFieldReader(String state, JsonNode node) {
        this.state = state;
        this.node = node;
    }

    DefinitionException error(String field, String message) {
        return new DefinitionException("State '" + state + "', field '" + field + "': " + message);
    }

    boolean has(String field) {
        return node.has(field);
    }

    JsonNode raw(String field) {
        return node.get(field);
    }

    String string(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw error(field, "must be a string");
        }
        return value.textValue();
    }

    String requiredString(String field) {
        String value = string(field);
        if (value == null) {
            throw error(field, "is required");
        }
        return value;
    }

    Integer integer(String field, int min) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt() || value.intValue() < min) {
            throw error(field, "must be an integer >= " + min);
        }
        return value.intValue();
    }

    Double number(String field, double min) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || value.doubleValue() < min) {
            throw error(field, "must be a number >= " + min);
        }
        return value.doubleValue();
    }

    /** InputPath / OutputPath / ItemsPath: "$" when absent, null when JSON null. */
    String path(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return "$";
        }
        if (value.isNull()) {
            return null;
        }
        return checkedPath(field);
    }

    /** A path that has no default (SecondsPath, TimeoutSecondsPath, ...): null when absent. */
    String optionalPath(String field) {
        return node.has(field) ? checkedPath(field) : null;
    }

    /** ErrorPath / CausePath: "a reference path or an intrinsic function" (Fail state); null when absent. */
    String pathOrIntrinsic(String field) {
        if (!node.has(field)) {
            return null;
        }
        List<String> problems = new java.util.ArrayList<>();
        PayloadTemplate.expressionProblem(field, node.get(field), problems);
        if (!problems.isEmpty()) {
            throw error(field, String.join("; ", problems));
        }
        return node.get(field).textValue();
    }

    private String checkedPath(String field) {
        String path = requiredString(field);
        String documentPath = path.startsWith("$$") ? path.substring(1) : path;
        JsonPaths.problem(documentPath).ifPresent(problem -> {
            throw error(field, problem);
        });
        return path;
    }

    /** ResultPath: "$" when absent, null (discard) when JSON null. */
    ReferencePath referencePath(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return ReferencePath.parse("$");
        }
        if (value.isNull()) {
            return null;
        }
        try {
            return ReferencePath.parse(requiredString(field));
        } catch (IllegalArgumentException e) {
            throw error(field, e.getMessage());
        }
    }

    /** Parameters / ItemSelector / ResultSelector: null when absent. */
    JsonNode template(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw error(field, "must be an object (a payload template)");
        }
        List<String> problems = PayloadTemplate.problems(value);
        if (!problems.isEmpty()) {
            throw error(field, String.join("; ", problems));
        }
        return value;
    }

    /** Next, or null when End is true; exactly one of the two. */
    String transition() {
        boolean end = node.has("End");
        if (end && !node.get("End").asBoolean(false)) {
            throw error("End", "must be true when present");
        }
        if (end == node.has("Next")) {
            throw error(end ? "End" : "Next", "a state must have either Next or End: true");
        }
        return end ? null : requiredString("Next");
    }
}

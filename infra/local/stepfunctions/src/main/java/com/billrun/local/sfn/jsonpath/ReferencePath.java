package com.billrun.local.sfn.jsonpath;

import com.billrun.local.sfn.StatesError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A Reference Path (ResultPath, a Catcher's ResultPath): "a path whose syntax is limited in such a way that
 * it can identify only a single node in a JSON structure" (Amazon States Language, Reference Paths), built
 * from {@code .name}, {@code ['name']} and {@code [index]}. ResultPath writes into the state input at it,
 * creating the missing objects on the way.
 */
public record ReferencePath(String text, List<Object> segments) {

    public static ReferencePath parse(String text) {
        if (!text.startsWith("$") || text.startsWith("$$")) {
            throw new IllegalArgumentException("'" + text + "' is not a reference path (it must start with a single $)");
        }
        List<Object> segments = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                String name = text.substring(i + 1, end);
                if (name.isEmpty() || name.contains("*") || name.contains("@")) {
                    throw invalid(text);
                }
                segments.add(name);
                i = end;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw invalid(text);
                }
                String inside = text.substring(i + 1, close).trim();
                if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    segments.add(inside.substring(1, inside.length() - 1));
                } else if (inside.matches("\\d+")) {
                    segments.add(Integer.parseInt(inside));
                } else {
                    throw invalid(text);
                }
                i = close + 1;
            } else {
                throw invalid(text);
            }
        }
        return new ReferencePath(text, List.copyOf(segments));
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text
                + "' is not a reference path (only .name, ['name'] and [index] may follow $)");
    }

    /** Returns a copy of {@code target} with {@code value} at this path; {@code $} replaces the whole. */
    public JsonNode write(JsonNode target, JsonNode value) {
        if (segments.isEmpty()) {
            return value;
        }
        if (!target.isContainerNode()) {
            throw StatesError.runtime("Unable to apply ResultPath '" + text + "' to a state input that is not an object: "
                    + JsonPaths.abbreviate(target));
        }
        JsonNode root = target.deepCopy();
        JsonNode node = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            node = child(node, segments.get(i), segments.get(i + 1) instanceof Integer);
        }
        set(node, segments.getLast(), value);
        return root;
    }

    private JsonNode child(JsonNode parent, Object segment, boolean nextIsIndex) {
        JsonNode existing = segment instanceof Integer index ? parent.get(index) : parent.get((String) segment);
        if (existing != null && existing.isContainerNode()) {
            return existing;
        }
        if (existing != null || segment instanceof Integer || !(parent instanceof ObjectNode object)) {
            throw StatesError.runtime("Unable to apply ResultPath '" + text + "': '" + segment + "' is not an object");
        }
        return nextIsIndex ? object.putArray((String) segment) : object.putObject((String) segment);
    }

    private void set(JsonNode parent, Object segment, JsonNode value) {
        if (parent instanceof ObjectNode object && segment instanceof String name) {
            object.set(name, value);
        } else if (parent instanceof ArrayNode array && segment instanceof Integer index && index < array.size()) {
            array.set(index, value);
        } else {
            throw StatesError.runtime("Unable to apply ResultPath '" + text + "' to " + JsonPaths.abbreviate(parent));
        }
    }
}

package com.billrun.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An EventBridge event pattern, the subset Billrun's rules use: a field's pattern is a list of exact values (the
 * event's value, or one element of it when it is an array, equals one of them: strings, numbers, booleans, null),
 * or an object of nested field patterns ({@code detail: {status: [...]}}); every field named must match, fields not
 * named are ignored. Anything else (content filters such as {@code prefix}, {@code anything-but}, {@code exists},
 * {@code numeric}, or a bare value) is refused when the rule is read, so a rule that loads locally matches as on
 * AWS. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 */
public final class EventPattern {

    private final ObjectNode pattern;

    private EventPattern(ObjectNode pattern) {
        this.pattern = pattern;
    }

    /** @throws IllegalArgumentException naming the field whose pattern this subset does not support */
    public static EventPattern of(JsonNode pattern) {
        if (!(pattern instanceof ObjectNode object) || object.isEmpty()) {
            throw new IllegalArgumentException("an event pattern is a non-empty JSON object, not " + pattern);
        }
        check(object, "");
        return new EventPattern(object.deepCopy());
    }

    private static void check(ObjectNode object, String path) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = path + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("event pattern field " + name + ": an empty object matches nothing");
                }
                check((ObjectNode) value, name + ".");
            } else if (value.isArray()) {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("event pattern field " + name + ": an empty list matches nothing");
                }
                for (JsonNode element : value) {
                    if (element.isContainerNode()) {
                        throw new IllegalArgumentException("event pattern field " + name + ": " + element
                                + " is a content filter, which the local event bus does not support (exact values only)");
                    }
                }
            } else {
                throw new IllegalArgumentException("event pattern field " + name + ": a value must be in a list, not " + value);
            }
        }
    }

    public boolean matches(JsonNode event) {
        return matches(pattern, event);
    }

    private static boolean matches(ObjectNode pattern, JsonNode event) {
        for (Map.Entry<String, JsonNode> field : pattern.properties()) {
            JsonNode value = event == null ? null : event.get(field.getKey());
            if (value == null || value.isMissingNode()) {
                return false;
            }
            boolean matched = field.getValue().isObject()
                    ? value.isObject() && matches((ObjectNode) field.getValue(), value)
                    : anyEqual(field.getValue(), value);
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    /** An array in the event matches when any of its elements does. Numbers compare by value (1 equals 1.0). */
    private static boolean anyEqual(JsonNode allowed, JsonNode value) {
        List<JsonNode> candidates = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(candidates::add);
        } else {
            candidates.add(value);
        }
        for (JsonNode candidate : candidates) {
            for (JsonNode option : allowed) {
                if (option.isNumber() && candidate.isNumber()
                        ? option.decimalValue().compareTo(candidate.decimalValue()) == 0
                        : option.equals(candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return pattern.toString();
    }
}

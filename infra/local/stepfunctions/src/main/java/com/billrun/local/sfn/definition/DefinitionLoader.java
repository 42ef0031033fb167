package com.billrun.local.sfn.definition;

import com.billrun.local.sfn.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads an Amazon States Language definition (JSONPath) and refuses, at load time, whatever the engine does
 * not run: unknown fields, JSONata, unsupported resources, distributed Maps. Never silently wrong.
 */
public final class DefinitionLoader {
    private final Set<String> stateNames = new HashSet<>();

    private DefinitionLoader() {
    }

    public static StateMachineDefinition load(String definition, Map<String, String> substitutions) {
        String text = Substitutions.apply(definition, substitutions);
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new DefinitionException("Definition: " + e.getMessage());
        }
        if (!root.isObject()) {
            throw new DefinitionException("Definition: must be a JSON object");
        }
        JsonNode language = root.get("QueryLanguage");
        if (language != null && !"JSONPath".equals(language.asText())) {
            throw new DefinitionException("Definition, field 'QueryLanguage': " + language.asText()
                    + " is not supported; the local engine runs JSONPath states only");
        }
        for (String field : iterable(root.fieldNames())) {
            if (!StateFields.TOP_LEVEL.contains(field)) {
                throw new DefinitionException("Definition, field '" + field + "': unknown top-level field");
            }
        }
        StateFieldReader top = new StateFieldReader("(top level)", root);
        Integer timeoutSeconds = top.integer("TimeoutSeconds", 1);
        StateGraph graph = new DefinitionLoader().graph(root, "Definition");
        return new StateMachineDefinition(graph, timeoutSeconds, text);
    }

    StateGraph graph(JsonNode node, String where) {
        JsonNode states = node.get("States");
        JsonNode startAt = node.get("StartAt");
        if (startAt == null || !startAt.isTextual()) {
            throw new DefinitionException(where + ", field 'StartAt': is required and must be a string");
        }
        if (states == null || !states.isObject() || states.isEmpty()) {
            throw new DefinitionException(where + ", field 'States': is required and must be a non-empty object");
        }
        Map<String, State> loaded = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : states.properties()) {
            if (!stateNames.add(entry.getKey())) {
                throw new DefinitionException("State '" + entry.getKey() + "': state names must be unique in the whole state machine");
            }
            loaded.put(entry.getKey(), new StateLoader(this, entry.getKey(), entry.getValue()).load());
        }
        if (!loaded.containsKey(startAt.textValue())) {
            throw new DefinitionException(where + ", field 'StartAt': no state named '" + startAt.textValue() + "'");
        }
        loaded.values().forEach(state -> checkTransitions(state, loaded));
        return new StateGraph(startAt.textValue(), Map.copyOf(loaded));
    }

    private static void checkTransitions(State state, Map<String, State> states) {
        List<String[]> targets = new ArrayList<>();
        switch (state) {
            case State.Pass s -> targets.add(new String[] {"Next", s.next()});
            case State.Task s -> {
                targets.add(new String[] {"Next", s.next()});
                s.catchers().forEach(c -> targets.add(new String[] {"Catch.Next", c.next()}));
            }
            case State.Choice s -> {
                s.choices().forEach(c -> targets.add(new String[] {"Choices.Next", c.next()}));
                targets.add(new String[] {"Default", s.defaultNext()});
            }
            case State.Wait s -> targets.add(new String[] {"Next", s.next()});
            case State.Map s -> {
                targets.add(new String[] {"Next", s.next()});
                s.catchers().forEach(c -> targets.add(new String[] {"Catch.Next", c.next()}));
            }
            case State.Parallel s -> {
                targets.add(new String[] {"Next", s.next()});
                s.catchers().forEach(c -> targets.add(new String[] {"Catch.Next", c.next()}));
            }
            case State.Succeed s -> {
            }
            case State.Fail s -> {
            }
        }
        for (String[] target : targets) {
            if (target[1] != null && !states.containsKey(target[1])) {
                throw new DefinitionException("State '" + state.name() + "', field '" + target[0] + "': no state named '"
                        + target[1] + "' in the same scope");
            }
        }
    }

    static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}

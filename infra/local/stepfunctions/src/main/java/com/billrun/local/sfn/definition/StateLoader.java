package com.billrun.local.sfn.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Loads one state of a definition; see {@link DefinitionLoader}. */
final class StateLoader {
    private static final int INLINE_MAP_DEFAULT_CONCURRENCY = 0;

    private final DefinitionLoader graphs;
    private final String name;
    private final JsonNode node;
    private final StateFieldReader fields;

    StateLoader(DefinitionLoader graphs, String name, JsonNode node) {
        this.graphs = graphs;
        this.name = name;
        this.node = node;
        this.fields = new StateFieldReader(name, node);
    }

    State load() {
        if (!node.isObject()) {
            throw new DefinitionException("State '" + name + "': must be an object");
        }
        String type = fields.requiredString("Type");
        Set<String> allowed = StateFields.BY_TYPE.get(type);
        if (allowed == null) {
            throw fields.error("Type", "unknown state type '" + type + "'");
        }
        for (String field : DefinitionLoader.iterable(node.fieldNames())) {
            if (StateFields.KNOWN_BUT_UNSUPPORTED.containsKey(field)) {
                throw fields.error(field, StateFields.KNOWN_BUT_UNSUPPORTED.get(field));
            }
            if (!allowed.contains(field)) {
                throw fields.error(field, "unknown field for a " + type + " state");
            }
        }
        return switch (type) {
            case "Pass" -> new State.Pass(name, fields.path("InputPath"), fields.path("OutputPath"),
                    fields.template("Parameters"), fields.raw("Result"), fields.referencePath("ResultPath"), fields.transition());
            case "Task" -> task();
            case "Choice" -> choice();
            case "Wait" -> new State.Wait(name, fields.path("InputPath"), fields.path("OutputPath"), waitFor(), fields.transition());
            case "Succeed" -> new State.Succeed(name, fields.path("InputPath"), fields.path("OutputPath"));
            case "Fail" -> fail();
            case "Map" -> map();
            case "Parallel" -> parallel();
            default -> throw fields.error("Type", "unknown state type '" + type + "'");
        };
    }

    private State.Task task() {
        JsonNode parameters = fields.template("Parameters");
        TaskResource resource = TaskResources.parse(fields, parameters);
        if (fields.has("TimeoutSeconds") && fields.has("TimeoutSecondsPath")) {
            throw fields.error("TimeoutSecondsPath", "cannot be used together with TimeoutSeconds");
        }
        if (fields.has("HeartbeatSeconds") && fields.has("HeartbeatSecondsPath")) {
            throw fields.error("HeartbeatSecondsPath", "cannot be used together with HeartbeatSeconds");
        }
        Integer timeout = fields.integer("TimeoutSeconds", 1);
        Integer heartbeat = fields.integer("HeartbeatSeconds", 1);
        if (timeout != null && heartbeat != null && heartbeat >= timeout) {
            // "HeartbeatSeconds ... must be smaller than the number of seconds specified in TimeoutSeconds" (Task state).
            throw fields.error("HeartbeatSeconds", "must be smaller than TimeoutSeconds (" + timeout + ")");
        }
        return new State.Task(name, fields.path("InputPath"), fields.path("OutputPath"), parameters,
                fields.template("ResultSelector"), fields.referencePath("ResultPath"), resource, timeout,
                fields.optionalPath("TimeoutSecondsPath"), heartbeat, fields.optionalPath("HeartbeatSecondsPath"),
                retriers(), catchers(), fields.transition());
    }

    private State.Choice choice() {
        JsonNode choices = fields.raw("Choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw fields.error("Choices", "is required and must be a non-empty array");
        }
        List<State.ChoiceBranch> branches = new ArrayList<>();
        ChoiceRuleLoader rules = new ChoiceRuleLoader(fields);
        for (int i = 0; i < choices.size(); i++) {
            branches.add(rules.topLevel(choices.get(i), "Choices[" + i + "]"));
        }
        return new State.Choice(name, fields.path("InputPath"), fields.path("OutputPath"), List.copyOf(branches),
                fields.string("Default"));
    }

    private State.WaitFor waitFor() {
        List<String> given = List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath").stream()
                .filter(fields::has).toList();
        if (given.size() != 1) {
            throw fields.error("Seconds", "a Wait state needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath; found " + given);
        }
        String timestamp = fields.string("Timestamp");
        if (timestamp != null) {
            try {
                OffsetDateTime.parse(timestamp);
            } catch (DateTimeParseException e) {
                throw fields.error("Timestamp", "'" + timestamp + "' is not an RFC3339 timestamp");
            }
        }
        return new State.WaitFor(fields.integer("Seconds", 0), timestamp, fields.optionalPath("SecondsPath"),
                fields.optionalPath("TimestampPath"));
    }

    private State.Fail fail() {
        if (fields.has("Error") && fields.has("ErrorPath")) {
            throw fields.error("ErrorPath", "cannot be used together with Error");
        }
        if (fields.has("Cause") && fields.has("CausePath")) {
            throw fields.error("CausePath", "cannot be used together with Cause");
        }
        return new State.Fail(name, fields.string("Error"), fields.string("Cause"), fields.pathOrIntrinsic("ErrorPath"),
                fields.pathOrIntrinsic("CausePath"));
    }

    private State.Map map() {
        if (fields.has("ItemProcessor") == fields.has("Iterator")) {
            throw fields.error("ItemProcessor", "a Map state needs exactly one of ItemProcessor or (legacy) Iterator");
        }
        if (fields.has("ItemSelector") && fields.has("Parameters")) {
            throw fields.error("Parameters", "cannot be used together with ItemSelector (Parameters is its legacy name)");
        }
        String processorField = fields.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        JsonNode processor = fields.raw(processorField);
        boolean distributed = checkProcessor(processorField, processor);
        if (!distributed) {
            for (String field : StateFields.DISTRIBUTED_ONLY) {
                if (fields.has(field)) {
                    throw fields.error(field, "is only for a Map whose ProcessorConfig.Mode is DISTRIBUTED");
                }
            }
        }
        JsonNode itemSelector = fields.has("ItemSelector") ? fields.template("ItemSelector") : fields.template("Parameters");
        Integer maxConcurrency = fields.integer("MaxConcurrency", 0);
        return new State.Map(name, fields.path("InputPath"), fields.path("OutputPath"), fields.path("ItemsPath"),
                itemSelector, fields.template("ResultSelector"), fields.referencePath("ResultPath"),
                maxConcurrency == null ? INLINE_MAP_DEFAULT_CONCURRENCY : maxConcurrency,
                fields.optionalPath("MaxConcurrencyPath"),
                graphs.graph(processor, "State '" + name + "', field '" + processorField + "'"),
                retriers(), catchers(), fields.transition(), distributed ? distributed() : null);
    }

    /**
     * The Distributed Map's own fields ("Using Map state in Distributed mode",
     * https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html): Label (at most 40 characters),
     * ToleratedFailureCount/Percentage (0-100) or their paths, ItemBatcher (MaxItemsPerBatch, BatchInput).
     */
    private State.Distributed distributed() {
        String label = fields.string("Label");
        if (label != null && (label.isEmpty() || label.length() > 40 || !label.matches("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/]+"))) {
            throw fields.error("Label", "must be 1 to 40 characters without whitespace or special characters");
        }
        if (fields.has("ToleratedFailureCount") && fields.has("ToleratedFailureCountPath")) {
            throw fields.error("ToleratedFailureCountPath", "cannot be used together with ToleratedFailureCount");
        }
        if (fields.has("ToleratedFailurePercentage") && fields.has("ToleratedFailurePercentagePath")) {
            throw fields.error("ToleratedFailurePercentagePath", "cannot be used together with ToleratedFailurePercentage");
        }
        Double percentage = fields.number("ToleratedFailurePercentage", 0);
        if (percentage != null && percentage > 100) {
            throw fields.error("ToleratedFailurePercentage", "must be between 0 and 100");
        }
        Integer maxItemsPerBatch = null;
        JsonNode batchInput = null;
        JsonNode batcher = fields.raw("ItemBatcher");
        if (batcher != null) {
            if (!batcher.isObject()) {
                throw fields.error("ItemBatcher", "must be an object");
            }
            for (String inner : DefinitionLoader.iterable(batcher.fieldNames())) {
                if (!inner.equals("MaxItemsPerBatch") && !inner.equals("BatchInput")) {
                    throw fields.error("ItemBatcher." + inner, "is not supported (MaxItemsPerBatch and BatchInput only)");
                }
            }
            StateFieldReader batcherFields = new StateFieldReader(name, batcher);
            maxItemsPerBatch = batcherFields.integer("MaxItemsPerBatch", 1);
            if (maxItemsPerBatch == null) {
                throw fields.error("ItemBatcher.MaxItemsPerBatch", "is required");
            }
            batchInput = batcherFields.template("BatchInput");
        }
        return new State.Distributed(label, fields.integer("ToleratedFailureCount", 0),
                fields.optionalPath("ToleratedFailureCountPath"), percentage,
                fields.optionalPath("ToleratedFailurePercentagePath"), maxItemsPerBatch, batchInput);
    }

    /** Checks the ItemProcessor; true for a DISTRIBUTED one (Standard child workflows only). */
    private boolean checkProcessor(String field, JsonNode processor) {
        if (processor == null || !processor.isObject()) {
            throw fields.error(field, "must be an object with StartAt and States");
        }
        for (String inner : DefinitionLoader.iterable(processor.fieldNames())) {
            if (!StateFields.GRAPH.contains(inner)) {
                throw fields.error(field + "." + inner, "unknown field");
            }
        }
        JsonNode config = processor.get("ProcessorConfig");
        if (config == null) {
            return false;
        }
        if (!config.isObject()) {
            throw fields.error(field + ".ProcessorConfig", "must be an object");
        }
        String mode = config.path("Mode").asText("INLINE");
        if (!mode.equals("INLINE") && !mode.equals("DISTRIBUTED")) {
            throw fields.error(field + ".ProcessorConfig.Mode", "must be INLINE or DISTRIBUTED");
        }
        for (String inner : DefinitionLoader.iterable(config.fieldNames())) {
            if (!inner.equals("Mode") && !(inner.equals("ExecutionType") && mode.equals("DISTRIBUTED"))) {
                throw fields.error(field + ".ProcessorConfig." + inner, "unknown field for a " + mode + " Map");
            }
        }
        if (mode.equals("DISTRIBUTED")) {
            String type = config.path("ExecutionType").asText(null);
            if (type == null) {
                throw fields.error(field + ".ProcessorConfig.ExecutionType", "is required for a DISTRIBUTED Map (STANDARD)");
            }
            if (!type.equals("STANDARD")) {
                throw fields.error(field + ".ProcessorConfig.ExecutionType", "'" + type + "' is not supported: the local "
                        + "engine runs STANDARD child workflows only");
            }
        }
        return mode.equals("DISTRIBUTED");
    }

    private State.Parallel parallel() {
        JsonNode branches = fields.raw("Branches");
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            throw fields.error("Branches", "is required and must be a non-empty array");
        }
        List<StateGraph> graphList = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            JsonNode branch = branches.get(i);
            for (String inner : DefinitionLoader.iterable(branch.fieldNames())) {
                if (!inner.equals("StartAt") && !inner.equals("States") && !inner.equals("Comment")) {
                    throw fields.error("Branches[" + i + "]." + inner, "unknown field");
                }
            }
            graphList.add(graphs.graph(branch, "State '" + name + "', field 'Branches[" + i + "]'"));
        }
        return new State.Parallel(name, fields.path("InputPath"), fields.path("OutputPath"), fields.template("Parameters"),
                fields.template("ResultSelector"), fields.referencePath("ResultPath"), List.copyOf(graphList),
                retriers(), catchers(), fields.transition());
    }

    private List<Retrier> retriers() {
        JsonNode retry = fields.raw("Retry");
        if (retry == null) {
            return List.of();
        }
        if (!retry.isArray()) {
            throw fields.error("Retry", "must be an array");
        }
        List<Retrier> retriers = new ArrayList<>();
        for (int i = 0; i < retry.size(); i++) {
            String where = "Retry[" + i + "]";
            StateFieldReader entry = new StateFieldReader(name, retry.get(i));
            only(retry.get(i), where, Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
                    "MaxDelaySeconds", "JitterStrategy", "Comment"));
            List<String> errors = errorEquals(retry.get(i), where, i == retry.size() - 1);
            Integer interval = entry.integer("IntervalSeconds", 1);
            Integer attempts = entry.integer("MaxAttempts", 0);
            Double backoff = entry.number("BackoffRate", 1.0);
            Integer maxDelay = entry.integer("MaxDelaySeconds", 1);
            String jitter = entry.string("JitterStrategy");
            if (jitter != null && !jitter.equals("FULL") && !jitter.equals("NONE")) {
                throw fields.error(where + ".JitterStrategy", "must be FULL or NONE");
            }
            retriers.add(new Retrier(errors, interval == null ? 1 : interval, attempts == null ? 3 : attempts,
                    backoff == null ? 2.0 : backoff, maxDelay,
                    jitter == null ? Retrier.Jitter.NONE : Retrier.Jitter.valueOf(jitter)));
        }
        return List.copyOf(retriers);
    }

    private List<Catcher> catchers() {
        JsonNode catchNode = fields.raw("Catch");
        if (catchNode == null) {
            return List.of();
        }
        if (!catchNode.isArray()) {
            throw fields.error("Catch", "must be an array");
        }
        List<Catcher> catchers = new ArrayList<>();
        for (int i = 0; i < catchNode.size(); i++) {
            String where = "Catch[" + i + "]";
            only(catchNode.get(i), where, Set.of("ErrorEquals", "ResultPath", "Next", "Comment"));
            StateFieldReader entry = new StateFieldReader(name, catchNode.get(i));
            List<String> errors = errorEquals(catchNode.get(i), where, i == catchNode.size() - 1);
            String next = entry.string("Next");
            if (next == null) {
                throw fields.error(where + ".Next", "is required");
            }
            catchers.add(new Catcher(errors, entry.referencePath("ResultPath"), next));
        }
        return List.copyOf(catchers);
    }

    private void only(JsonNode entry, String where, Set<String> allowed) {
        if (!entry.isObject()) {
            throw fields.error(where, "must be an object");
        }
        for (String field : DefinitionLoader.iterable(entry.fieldNames())) {
            if (!allowed.contains(field)) {
                throw fields.error(where + "." + field, "unknown field");
            }
        }
    }

    /** "States.ALL ... must appear alone in its ErrorEquals array and must be in the last" Retrier/Catcher. */
    private List<String> errorEquals(JsonNode entry, String where, boolean last) {
        JsonNode errors = entry.get("ErrorEquals");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            throw fields.error(where + ".ErrorEquals", "is required and must be a non-empty array of error names");
        }
        List<String> names = new ArrayList<>();
        errors.forEach(error -> names.add(error.asText()));
        if (names.contains("States.ALL") && (names.size() > 1 || !last)) {
            throw fields.error(where + ".ErrorEquals", "States.ALL must appear alone and in the last entry");
        }
        return List.copyOf(names);
    }
}

package com.billrun.local.sfn.execution;

import com.billrun.local.sfn.Json;
import com.billrun.local.sfn.StatesError;
import com.billrun.local.sfn.definition.State;
import com.billrun.local.sfn.definition.StateGraph;
import com.billrun.local.sfn.jsonpath.JsonPaths;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The states that run sub-graphs concurrently: the inline Map (one iteration per item) and Parallel (one run per
 * branch). Their results are arrays in item/branch order; the first failure fails the state.
 */
final class BranchingStates {
    private final EngineServices services;
    private final Execution execution;
    private final Interpreter interpreter;

    BranchingStates(EngineServices services, Execution execution, Interpreter interpreter) {
        this.services = services;
        this.execution = execution;
        this.interpreter = interpreter;
    }

    JsonNode map(State.Map map, JsonNode input, ObjectNode context, Lane lane) {
        JsonNode effective = StateIo.select(map.inputPath(), input, context);
        JsonNode items = JsonPaths.read(map.itemsPath() == null ? "$" : map.itemsPath(), effective, context);
        if (!items.isArray()) {
            throw StatesError.runtime("Map state '" + map.name() + "': ItemsPath '" + map.itemsPath()
                    + "' must select an array, got " + items.getNodeType());
        }
        List<JsonNode> itemInputs = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            itemInputs.add(map.itemSelector() == null ? items.get(index)
                    : StateIo.template(map.itemSelector(), effective, ContextObject.withMapItem(context, index, items.get(index))));
        }
        JsonNode results;
        if (map.distributed() != null) {
            results = new DistributedMapRun(services, execution).run(map, effective, itemInputs,
                    requestedConcurrency(map, effective, context), context, lane);
        } else {
            lane.add("MapStateStarted", "mapStateStartedEventDetails", Json.object().put("length", items.size()));
            List<Supplier<JsonNode>> iterations = new ArrayList<>();
            for (int index = 0; index < itemInputs.size(); index++) {
                JsonNode itemInput = itemInputs.get(index);
                int itemIndex = index;
                iterations.add(() -> iteration(map, itemIndex, itemInput, lane.branch()));
            }
            results = branches(iterations, concurrency(map, effective, context), lane, "MapState");
        }
        JsonNode selected = StateIo.template(map.resultSelector(), results, context);
        return StateIo.select(map.outputPath(), StateIo.placeResult(map.resultPath(), input, selected), context);
    }

    /**
     * MaxConcurrency 0 (the default) means no limit of its own; an inline Map still runs at most
     * {@code inlineMapConcurrencyLimit} iterations at once ("up to 40 concurrent iterations" for inline mode).
     */
    private int concurrency(State.Map map, JsonNode effective, JsonNode context) {
        int requested = requestedConcurrency(map, effective, context);
        int limit = services.inlineMapConcurrencyLimit();
        return requested == 0 ? limit : Math.min(requested, limit);
    }

    private static int requestedConcurrency(State.Map map, JsonNode effective, JsonNode context) {
        int requested = map.maxConcurrency();
        if (map.maxConcurrencyPath() != null) {
            JsonNode value = JsonPaths.read(map.maxConcurrencyPath(), effective, context);
            if (!value.canConvertToExactIntegral() || value.asLong() < 0) {
                throw StatesError.runtime("MaxConcurrencyPath must select a non-negative integer, got " + value);
            }
            requested = value.asInt();
        }
        return requested;
    }

    private JsonNode iteration(State.Map map, int index, JsonNode itemInput, Lane lane) {
        ObjectNode details = Json.object().put("name", map.name()).put("index", index);
        lane.add("MapIterationStarted", "mapIterationStartedEventDetails", details);
        try {
            JsonNode output = interpreter.run(map.itemProcessor(), itemInput, lane);
            lane.add("MapIterationSucceeded", "mapIterationSucceededEventDetails", details.deepCopy());
            return output;
        } catch (StatesError e) {
            lane.add("MapIterationFailed", "mapIterationFailedEventDetails", details.deepCopy());
            throw e;
        } catch (Cancelled e) {
            lane.add("MapIterationAborted", "mapIterationAbortedEventDetails", details.deepCopy());
            throw e;
        }
    }

    JsonNode parallel(State.Parallel parallel, JsonNode input, ObjectNode context, Lane lane) {
        JsonNode effective = StateIo.select(parallel.inputPath(), input, context);
        JsonNode branchInput = StateIo.template(parallel.parameters(), effective, context);
        lane.add("ParallelStateStarted");
        List<Supplier<JsonNode>> branches = new ArrayList<>();
        for (StateGraph branch : parallel.branches()) {
            branches.add(() -> interpreter.run(branch, branchInput, lane.branch()));
        }
        JsonNode results = branches(branches, branches.size(), lane, "ParallelState");
        JsonNode selected = StateIo.template(parallel.resultSelector(), results, context);
        return StateIo.select(parallel.outputPath(), StateIo.placeResult(parallel.resultPath(), input, selected), context);
    }

    private JsonNode branches(List<Supplier<JsonNode>> units, int concurrency, Lane lane, String eventPrefix) {
        try {
            List<JsonNode> results = ConcurrentBranches.run(execution, units, Math.max(1, concurrency));
            lane.add(eventPrefix + "Succeeded");
            return Json.MAPPER.createArrayNode().addAll(results);
        } catch (StatesError e) {
            lane.add(eventPrefix + "Failed");
            throw e;
        } catch (Cancelled e) {
            lane.add(eventPrefix + "Aborted");
            throw e;
        }
    }
}

package com.billrun.local.sfn.execution;

import com.billrun.local.sfn.Json;
import com.billrun.local.sfn.StatesError;
import com.billrun.local.sfn.definition.State;
import com.billrun.local.sfn.definition.StateMachineDefinition;
import com.billrun.local.sfn.jsonpath.JsonPaths;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Map Run: a Map state in DISTRIBUTED mode with its items taken from the state input ("Using Map state in
 * Distributed mode to orchestrate large-scale parallel workloads",
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html). Each item (or, with an
 * ItemBatcher, each batch of items) runs as a Standard child workflow execution with its own history. As on AWS:
 * <ul>
 *   <li>the Map Run ARN is {@code arn:aws:states:<region>:<account>:mapRun:<stateMachineName>/<label>:<mapRunId>},
 *   the children's state machine {@code ...:stateMachine:<stateMachineName>/<label>} and each child
 *   {@code ...:execution:<stateMachineName>/<label>:<childName>}, where the label is the state's Label or a UUID
 *   ("Viewing a Distributed Map Run execution", https://docs.aws.amazon.com/step-functions/latest/dg/concepts-examine-map-run.html);</li>
 *   <li>at most MaxConcurrency children run at once (0, the default: 10,000);</li>
 *   <li>"Step Functions calculates the percentage of failed items as the result of the total number of failed or timed
 *   out items divided by the total number of items"; the default tolerance is zero; "If you specify both values, the
 *   workflow fails when it exceeds either value"; then the state fails with States.ExceedToleratedFailureThreshold
 *   ("Tolerated failure threshold for Distributed Map state", https://docs.aws.amazon.com/step-functions/latest/dg/maprun-fail-threshold.html);</li>
 *   <li>the parent's history holds MapRunStarted (mapRunArn) and MapRunSucceeded or MapRunFailed (error, cause),
 *   between MapStateEntered and MapStateExited, never the children's events (MapRunAborted is offered to the history
 *   when the parent stops, which {@link History} no longer records after the parent's closing event);</li>
 *   <li>a child's batch input is {@code {"BatchInput": ..., "Items": [...]}} (ItemBatcher).</li>
 * </ul>
 * When the run fails or the parent stops, the children still running are stopped (ABORTED). A tolerated failed
 * child's place in the output array holds its {@code {"Error", "Cause"}}.
 */
final class DistributedMapRun {
    static final String EXCEEDED = "States.ExceedToleratedFailureThreshold";
    private static final int DEFAULT_MAX_CONCURRENCY = 10_000;

    private final EngineServices services;
    private final Execution parent;

    DistributedMapRun(EngineServices services, Execution parent) {
        this.services = services;
        this.parent = parent;
    }

    /** The children's inputs: one per item, or one {"BatchInput", "Items"} per batch, with the items each holds. */
    private record Child(JsonNode input, int items) {
    }

    JsonNode run(State.Map map, JsonNode effective, List<JsonNode> itemInputs, int requestedConcurrency, ObjectNode context,
                 Lane lane) {
        State.Distributed config = map.distributed();
        Tolerance tolerance = tolerance(config, effective, context, itemInputs.size());
        List<Child> children = children(config, itemInputs, effective, context);
        RegisteredStateMachine machine = parent.stateMachine();
        String label = config.label() != null ? config.label() : UUID.randomUUID().toString();
        String mapRunArn = machine.arn().replaceFirst(":stateMachine:", ":mapRun:") + "/" + label + ":" + UUID.randomUUID();
        RegisteredStateMachine childMachine = new RegisteredStateMachine(machine.name() + "/" + label,
                machine.arn() + "/" + label, new StateMachineDefinition(map.itemProcessor(), null, machine.definition().text()),
                machine.roleArn(), services.clock().instant());
        lane.add("MapRunStarted", "mapRunStartedEventDetails", Json.object().put("mapRunArn", mapRunArn));

        int concurrency = requestedConcurrency == 0 ? DEFAULT_MAX_CONCURRENCY : requestedConcurrency;
        Semaphore permits = new Semaphore(concurrency);
        JsonNode[] results = new JsonNode[children.size()];
        AtomicInteger failedItems = new AtomicInteger();
        CompletableFuture<String> exceeded = new CompletableFuture<>();
        List<Execution> started = new ArrayList<>();
        List<CompletableFuture<Execution>> done = new ArrayList<>();
        try {
            for (int i = 0; i < children.size() && !exceeded.isDone(); i++) {
                permits.acquire();
                if (exceeded.isDone()) {
                    permits.release();
                    break;
                }
                parent.checkRunning();
                Execution child = services.children().start(childMachine, UUID.randomUUID().toString(), children.get(i).input());
                synchronized (started) {
                    started.add(child);
                }
                int index = i;
                int items = children.get(i).items();
                done.add(child.completion().whenComplete((finished, ignored) -> {
                    permits.release();
                    if (finished.status() == ExecutionStatus.SUCCEEDED) {
                        results[index] = Json.parse(finished.output());
                        return;
                    }
                    ObjectNode error = Json.object().put("Error", finished.error() == null ? finished.status().name() : finished.error());
                    if (finished.cause() != null) {
                        error.put("Cause", finished.cause());
                    }
                    results[index] = error;
                    int failed = failedItems.addAndGet(items);
                    if (tolerance.exceededBy(failed)) {
                        // The children's own errors stay in their executions, as on AWS: the Map's cause counts them.
                        exceeded.complete("The tolerated failure threshold of Map Run " + mapRunArn + " was exceeded: "
                                + failed + " of " + itemInputs.size() + " items failed (tolerated: " + tolerance.describe() + ")");
                    }
                }));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
            CompletableFuture.anyOf(all, exceeded).get();
        } catch (InterruptedException | Cancelled e) {
            stopAll(started, "the parent execution " + parent.arn() + " stopped");
            lane.add("MapRunAborted");
            throw e instanceof Cancelled cancelled ? cancelled : new Cancelled("map run stopped with its parent");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (exceeded.isDone()) {
            String cause = exceeded.join();
            stopAll(started, "the Map Run failed: " + EXCEEDED);
            lane.add("MapRunFailed", "mapRunFailedEventDetails", Json.object().put("error", EXCEEDED).put("cause", cause));
            throw new StatesError(EXCEEDED, cause);
        }
        lane.add("MapRunSucceeded");
        ArrayNode output = Json.MAPPER.createArrayNode();
        for (JsonNode result : results) {
            output.add(result);
        }
        return output;
    }

    private void stopAll(List<Execution> started, String cause) {
        synchronized (started) {
            started.forEach(child -> child.stop(ExecutionStatus.ABORTED, null, cause));
        }
    }

    private List<Child> children(State.Distributed config, List<JsonNode> itemInputs, JsonNode effective, ObjectNode context) {
        List<Child> children = new ArrayList<>();
        if (config.maxItemsPerBatch() == null) {
            itemInputs.forEach(item -> children.add(new Child(item, 1)));
            return children;
        }
        JsonNode batchInput = config.batchInput() == null ? null : StateIo.template(config.batchInput(), effective, context);
        for (int from = 0; from < itemInputs.size(); from += config.maxItemsPerBatch()) {
            List<JsonNode> slice = itemInputs.subList(from, Math.min(itemInputs.size(), from + config.maxItemsPerBatch()));
            ObjectNode input = Json.object();
            if (batchInput != null) {
                input.set("BatchInput", batchInput);
            }
            input.putArray("Items").addAll(slice);
            children.add(new Child(input, slice.size()));
        }
        return children;
    }

    /** When the failed items exceed the tolerated count or percentage; neither given: any failure. */
    private record Tolerance(Long count, Double percentage, int totalItems) {
        boolean exceededBy(int failedItems) {
            if (count == null && percentage == null) {
                return failedItems > 0;
            }
            boolean overCount = count != null && failedItems > count;
            boolean overPercentage = percentage != null && totalItems > 0 && failedItems * 100.0 / totalItems > percentage;
            return overCount || overPercentage;
        }

        String describe() {
            return (count == null ? "" : count + " items") + (count != null && percentage != null ? ", " : "")
                    + (percentage == null ? "" : percentage + "%") + (count == null && percentage == null ? "none" : "");
        }
    }

    private static Tolerance tolerance(State.Distributed config, JsonNode effective, JsonNode context, int totalItems) {
        Long count = config.toleratedFailureCount() == null ? null : config.toleratedFailureCount().longValue();
        if (config.toleratedFailureCountPath() != null) {
            JsonNode value = JsonPaths.read(config.toleratedFailureCountPath(), effective, context);
            if (!value.canConvertToExactIntegral() || value.asLong() < 0) {
                throw StatesError.runtime("ToleratedFailureCountPath must select a non-negative integer, got " + value);
            }
            count = value.asLong();
        }
        Double percentage = config.toleratedFailurePercentage();
        if (config.toleratedFailurePercentagePath() != null) {
            JsonNode value = JsonPaths.read(config.toleratedFailurePercentagePath(), effective, context);
            if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 100) {
                throw StatesError.runtime("ToleratedFailurePercentagePath must select a number between 0 and 100, got " + value);
            }
            percentage = value.asDouble();
        }
        return new Tolerance(count, percentage, totalItems);
    }
}

package com.billrun.local.sfn.execution;

import com.billrun.local.sfn.Json;
import com.billrun.local.sfn.StatesError;
import com.billrun.local.sfn.definition.Catcher;
import com.billrun.local.sfn.definition.ErrorMatcher;
import com.billrun.local.sfn.definition.Retrier;
import com.billrun.local.sfn.definition.State;
import com.billrun.local.sfn.definition.StateGraph;
import com.billrun.local.sfn.definition.TaskResource;
import com.billrun.local.sfn.jsonpath.JsonPaths;
import com.billrun.local.sfn.jsonpath.PayloadTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/** Runs the states of a graph, one transition at a time, recording each state's Entered/Exited events. */
public final class Interpreter {
    private final EngineServices services;
    private final Execution execution;
    private final ObjectNode baseContext;
    private final TaskRunner tasks;
    private final BranchingStates branching;

    public Interpreter(EngineServices services, Execution execution, JsonNode executionInput) {
        this.services = services;
        this.execution = execution;
        this.baseContext = ContextObject.base(execution, executionInput);
        this.tasks = new TaskRunner(services, execution);
        this.branching = new BranchingStates(services, execution, this);
    }

    private record Step(JsonNode output, String next) {
    }

    public JsonNode run(StateGraph graph, JsonNode input, Lane lane) {
        String current = graph.startAt();
        JsonNode data = input;
        while (true) {
            execution.checkRunning();
            Step step = runState(graph.state(current), data, lane);
            if (step.next() == null) {
                return step.output();
            }
            current = step.next();
            data = step.output();
        }
    }

    private Step runState(State state, JsonNode input, Lane lane) {
        String type = state.getClass().getSimpleName();
        Instant entered = services.clock().instant();
        ObjectNode enteredDetails = Json.object().put("name", state.name()).put("input", Json.write(input));
        enteredDetails.putObject("inputDetails").put("truncated", false);
        lane.add(type + "StateEntered", "stateEnteredEventDetails", enteredDetails);
        services.stateTransitions().increment();
        ObjectNode context = ContextObject.forState(baseContext, state.name(), entered, 0);
        Step step = switch (state) {
            case State.Pass pass -> new Step(pass(pass, input, context), pass.next());
            case State.Task task -> withErrorHandling(task.retriers(), task.catchers(), input, task.next(),
                    retry -> task(task, input, ContextObject.forState(baseContext, task.name(), entered, retry), lane));
            case State.Choice choice -> choice(choice, input, context);
            case State.Wait wait -> new Step(wait(wait, input, context), wait.next());
            case State.Succeed succeed -> new Step(StateIo.select(succeed.outputPath(),
                    StateIo.select(succeed.inputPath(), input, context), context), null);
            case State.Fail fail -> throw failure(fail, input, context);
            case State.Map map -> withErrorHandling(map.retriers(), map.catchers(), input, map.next(),
                    retry -> branching.map(map, input, ContextObject.forState(baseContext, map.name(), entered, retry), lane));
            case State.Parallel parallel -> withErrorHandling(parallel.retriers(), parallel.catchers(), input, parallel.next(),
                    retry -> branching.parallel(parallel, input, ContextObject.forState(baseContext, parallel.name(), entered, retry), lane));
        };
        StateIo.checkSize(state.name(), step.output());
        ObjectNode exitedDetails = Json.object().put("name", state.name()).put("output", Json.write(step.output()));
        exitedDetails.putObject("outputDetails").put("truncated", false);
        lane.add(type + "StateExited", "stateExitedEventDetails", exitedDetails);
        return step;
    }

    /**
     * Retry, then Catch ("Handling errors in Step Functions workflows"): the first Retrier whose ErrorEquals
     * matches decides — while it has attempts left the state runs again after its delay; then the first matching
     * Catcher places {"Error", "Cause"} into the state input at its ResultPath and moves to its Next.
     */
    private Step withErrorHandling(List<Retrier> retriers, List<Catcher> catchers, JsonNode input, String next,
                                   IntFunction<JsonNode> attempt) {
        int[] retriesUsed = new int[retriers.size()];
        int retryCount = 0;
        while (true) {
            try {
                return new Step(attempt.apply(retryCount), next);
            } catch (StatesError error) {
                int retrier = firstMatching(retriers, error);
                if (retrier >= 0 && retriesUsed[retrier] < retriers.get(retrier).maxAttempts()) {
                    retriesUsed[retrier]++;
                    retryCount++;
                    // "each retry will be charged as an additional state transition" (AWS Step Functions pricing).
                    services.stateTransitions().increment();
                    double delay = retriers.get(retrier).delaySeconds(retriesUsed[retrier], ThreadLocalRandom.current().nextDouble());
                    Waiting.sleep(services.timeScale().of(delay), execution);
                    continue;
                }
                for (Catcher catcher : catchers) {
                    if (ErrorMatcher.matches(catcher.errorEquals(), error)) {
                        ObjectNode errorOutput = Json.object().put("Error", error.error());
                        if (error.errorCause() != null) {
                            errorOutput.put("Cause", error.errorCause());
                        }
                        return new Step(StateIo.placeResult(catcher.resultPath(), input, errorOutput), catcher.next());
                    }
                }
                throw error;
            }
        }
    }

    private static int firstMatching(List<Retrier> retriers, StatesError error) {
        for (int i = 0; i < retriers.size(); i++) {
            if (ErrorMatcher.matches(retriers.get(i).errorEquals(), error)) {
                return i;
            }
        }
        return -1;
    }

    private JsonNode pass(State.Pass pass, JsonNode input, ObjectNode context) {
        JsonNode effective = StateIo.select(pass.inputPath(), input, context);
        JsonNode result = pass.result() != null ? pass.result() : StateIo.template(pass.parameters(), effective, context);
        return StateIo.select(pass.outputPath(), StateIo.placeResult(pass.resultPath(), input, result), context);
    }

    private JsonNode task(State.Task task, JsonNode input, ObjectNode context, Lane lane) {
        JsonNode effective = StateIo.select(task.inputPath(), input, context);
        String token = task.resource() instanceof TaskResource.SqsSendMessage sqs && sqs.waitForTaskToken()
                ? services.tokens().open() : null;
        try {
            ObjectNode taskContext = token == null ? context : ContextObject.withTaskToken(context, token);
            JsonNode parameters = StateIo.template(task.parameters(), effective, taskContext);
            TaskRunner.Limits limits = new TaskRunner.Limits(
                    seconds(task.timeoutSeconds(), task.timeoutSecondsPath(), input, context, "TimeoutSecondsPath"),
                    seconds(task.heartbeatSeconds(), task.heartbeatSecondsPath(), input, context, "HeartbeatSecondsPath"));
            JsonNode result = tasks.run(task.resource(), parameters, limits, token, lane);
            JsonNode selected = StateIo.template(task.resultSelector(), result, context);
            return StateIo.select(task.outputPath(), StateIo.placeResult(task.resultPath(), input, selected), context);
        } finally {
            if (token != null) {
                services.tokens().close(token);
            }
        }
    }

    private static Integer seconds(Integer fixed, String path, JsonNode input, JsonNode context, String field) {
        if (path == null) {
            return fixed;
        }
        JsonNode value = JsonPaths.read(path, input, context);
        if (!value.canConvertToExactIntegral() || value.asLong() < 1) {
            throw StatesError.runtime(field + " '" + path + "' must select a positive integer, got " + value);
        }
        return value.asInt();
    }

    /** "If no Choice Rule matches and no Default is given ... States.NoChoiceMatched ... reported with States.Runtime". */
    private Step choice(State.Choice choice, JsonNode input, ObjectNode context) {
        JsonNode effective = StateIo.select(choice.inputPath(), input, context);
        JsonNode output = StateIo.select(choice.outputPath(), effective, context);
        for (State.ChoiceBranch branch : choice.choices()) {
            if (ChoiceEvaluator.matches(branch.rule(), effective, context)) {
                return new Step(output, branch.next());
            }
        }
        if (choice.defaultNext() == null) {
            throw StatesError.runtime("States.NoChoiceMatched: no Choice Rule of state '" + choice.name()
                    + "' matched the input and it has no Default: " + Json.write(effective));
        }
        return new Step(output, choice.defaultNext());
    }

    private JsonNode wait(State.Wait wait, JsonNode input, ObjectNode context) {
        JsonNode effective = StateIo.select(wait.inputPath(), input, context);
        State.WaitFor waitFor = wait.waitFor();
        if (waitFor.seconds() != null || waitFor.secondsPath() != null) {
            Integer seconds = waitFor.seconds();
            if (waitFor.secondsPath() != null) {
                JsonNode value = JsonPaths.read(waitFor.secondsPath(), effective, context);
                if (!value.canConvertToExactIntegral() || value.asLong() < 0) {
                    throw StatesError.runtime("SecondsPath '" + waitFor.secondsPath() + "' must select a non-negative integer, got " + value);
                }
                seconds = value.asInt();
            }
            Waiting.sleep(services.timeScale().of(seconds), execution);
        } else {
            String text = waitFor.timestamp() != null ? waitFor.timestamp()
                    : JsonPaths.read(waitFor.timestampPath(), effective, context).asText();
            Instant until;
            try {
                until = java.time.OffsetDateTime.parse(text).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw StatesError.runtime("TimestampPath '" + waitFor.timestampPath() + "' must select an RFC3339 timestamp, got " + text);
            }
            Waiting.sleep(services.timeScale().scale(java.time.Duration.between(services.clock().instant(), until)), execution);
        }
        return StateIo.select(wait.outputPath(), effective, context);
    }

    private StatesError failure(State.Fail fail, JsonNode input, ObjectNode context) {
        String error = fail.errorPath() != null ? PayloadTemplate.evaluate(fail.errorPath(), input, context).asText() : fail.error();
        String cause = fail.causePath() != null ? PayloadTemplate.evaluate(fail.causePath(), input, context).asText() : fail.cause();
        return new StatesError(error, cause);
    }

}

package com.billrun.local.sfn.execution;

import com.billrun.local.sfn.Json;
import com.billrun.local.sfn.LambdaInvocationException;
import com.billrun.local.sfn.StatesError;
import com.billrun.local.sfn.definition.TaskResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one attempt of a Task's resource and records its events (TaskScheduled, TaskStarted, TaskSubmitted,
 * TaskSucceeded/TaskFailed/TaskTimedOut; LambdaFunction* for a bare function ARN).
 */
final class TaskRunner {
    private final EngineServices services;
    private final Execution execution;

    TaskRunner(EngineServices services, Execution execution) {
        this.services = services;
        this.execution = execution;
    }

    /** The limits of one attempt; null when the definition sets none. */
    record Limits(Integer timeoutSeconds, Integer heartbeatSeconds) {
    }

    JsonNode run(TaskResource resource, JsonNode parameters, Limits limits, String taskToken, Lane lane) {
        return switch (resource) {
            case TaskResource.LambdaFunction function -> lambdaFunction(function, parameters, limits, lane);
            case TaskResource.LambdaInvoke invoke -> tracked(resource, parameters, limits, lane,
                    () -> lambdaInvoke(parameters, limits));
            case TaskResource.SqsSendMessage sqs -> sqs.waitForTaskToken()
                    ? sqsWaitForTaskToken(sqs, parameters, limits, taskToken, lane)
                    : tracked(resource, parameters, limits, lane, () -> SqsMessages.send(services.sqs(), parameters));
        };
    }

    private JsonNode tracked(TaskResource resource, JsonNode parameters, Limits limits, Lane lane, TaskCall call) {
        scheduled(resource, parameters, limits, lane);
        lane.add("TaskStarted", "taskStartedEventDetails", resourceDetails(resource));
        try {
            JsonNode output = call.run();
            lane.add("TaskSucceeded", "taskSucceededEventDetails", outputDetails(resourceDetails(resource), output));
            return output;
        } catch (StatesError e) {
            String type = e.error().equals(StatesError.TIMEOUT) ? "TaskTimedOut" : "TaskFailed";
            String key = e.error().equals(StatesError.TIMEOUT) ? "taskTimedOutEventDetails" : "taskFailedEventDetails";
            lane.add(type, key, errorDetails(resourceDetails(resource), e));
            throw e;
        }
    }

    @FunctionalInterface
    private interface TaskCall {
        JsonNode run();
    }

    private JsonNode lambdaInvoke(JsonNode parameters, Limits limits) {
        String functionName = parameters.path("FunctionName").asText();
        String invocationType = parameters.path("InvocationType").asText("RequestResponse");
        JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : Json.object();
        ObjectNode wrapped = Json.object();
        if (invocationType.equals("Event")) {
            Thread.ofVirtual().start(() -> {
                try {
                    services.lambda().invoke(functionName, payload);
                } catch (LambdaInvocationException | RuntimeException ignored) {
                    // An asynchronous invocation's errors are Lambda's to handle (retries, DLQ), not the state's.
                }
            });
            wrapped.put("StatusCode", 202);
            return wrapped.set("Payload", Json.MAPPER.getNodeFactory().textNode(""));
        }
        if (!invocationType.equals("RequestResponse")) {
            throw StatesError.runtime("InvocationType " + invocationType + " is not supported by the local engine");
        }
        JsonNode result = invokeWithTimeout(functionName, payload, limits);
        // The optimized integration returns Lambda's Invoke response ("Invoke Lambda with Step Functions").
        wrapped.put("ExecutedVersion", "$LATEST");
        wrapped.set("Payload", result);
        ObjectNode http = wrapped.putObject("SdkHttpMetadata");
        http.putObject("HttpHeaders").put("Content-Type", "application/json").put("X-Amz-Executed-Version", "$LATEST");
        http.put("HttpStatusCode", 200);
        wrapped.putObject("SdkResponseMetadata").put("RequestId", UUID.randomUUID().toString());
        wrapped.put("StatusCode", 200);
        return wrapped;
    }

    private JsonNode lambdaFunction(TaskResource.LambdaFunction function, JsonNode input, Limits limits, Lane lane) {
        ObjectNode scheduled = Json.object().put("resource", function.arn()).put("input", Json.write(input));
        scheduled.putObject("inputDetails").put("truncated", false);
        if (limits.timeoutSeconds() != null) {
            scheduled.put("timeoutInSeconds", limits.timeoutSeconds());
        }
        lane.add("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", scheduled);
        lane.add("LambdaFunctionStarted");
        try {
            JsonNode output = invokeWithTimeout(function.arn(), input, limits);
            lane.add("LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", outputDetails(Json.object(), output));
            return output;
        } catch (StatesError e) {
            boolean timedOut = e.error().equals(StatesError.TIMEOUT);
            lane.add(timedOut ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed",
                    timedOut ? "lambdaFunctionTimedOutEventDetails" : "lambdaFunctionFailedEventDetails",
                    errorDetails(Json.object(), e));
            throw e;
        }
    }

    /** The function runs on its own thread so that TimeoutSeconds and StopExecution can leave it behind. */
    private JsonNode invokeWithTimeout(String function, JsonNode payload, Limits limits) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().start(() -> {
            try {
                JsonNode value = services.lambda().invoke(function, payload);
                result.complete(value == null ? Json.MAPPER.nullNode() : value);
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return limits.timeoutSeconds() == null ? result.get()
                    : result.get(services.timeScale().of(limits.timeoutSeconds()).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            worker.interrupt();
            throw new StatesError(StatesError.TIMEOUT, "The Lambda function " + function + " did not finish within "
                    + limits.timeoutSeconds() + " seconds");
        } catch (InterruptedException e) {
            worker.interrupt();
            throw new Cancelled("interrupted while invoking " + function);
        } catch (ExecutionException e) {
            throw lambdaError(e.getCause());
        }
    }

    /**
     * A function error keeps the function's errorType as the Error name; the Cause is Lambda's error JSON
     * ({"errorMessage", "errorType", "stackTrace"}) as Step Functions shows it.
     */
    private static StatesError lambdaError(Throwable failure) {
        LambdaInvocationException error = failure instanceof LambdaInvocationException lambda ? lambda
                : new LambdaInvocationException(LambdaInvocationException.UNKNOWN, String.valueOf(failure));
        ObjectNode cause = Json.object().put("errorMessage", error.errorMessage()).put("errorType", error.errorType());
        cause.putArray("stackTrace");
        return new StatesError(error.errorType(), Json.write(cause));
    }

    private JsonNode sqsWaitForTaskToken(TaskResource resource, JsonNode parameters, Limits limits, String token, Lane lane) {
        scheduled(resource, parameters, limits, lane);
        lane.add("TaskStarted", "taskStartedEventDetails", resourceDetails(resource));
        TaskTokens.PendingTask pending = services.tokens().pending(token);
        try {
            JsonNode sent = SqsMessages.send(services.sqs(), parameters);
            lane.add("TaskSubmitted", "taskSubmittedEventDetails", outputDetails(resourceDetails(resource), sent));
            JsonNode output = awaitCallback(pending, limits);
            lane.add("TaskSucceeded", "taskSucceededEventDetails", outputDetails(resourceDetails(resource), output));
            return output;
        } catch (StatesError e) {
            boolean timedOut = e.error().equals(StatesError.TIMEOUT) || e.error().equals(StatesError.HEARTBEAT_TIMEOUT);
            lane.add(timedOut ? "TaskTimedOut" : "TaskFailed", timedOut ? "taskTimedOutEventDetails" : "taskFailedEventDetails",
                    errorDetails(resourceDetails(resource), e));
            throw e;
        } finally {
            services.tokens().close(token);
        }
    }

    /**
     * Waits for SendTaskSuccess/SendTaskFailure. "If more time than the specified seconds elapses between
     * heartbeats from the task, then this state fails with a States.HeartbeatTimeout"; TimeoutSeconds bounds the
     * whole wait with States.Timeout, heartbeats or not (Task workflow state).
     */
    private JsonNode awaitCallback(TaskTokens.PendingTask pending, Limits limits) {
        long start = System.nanoTime();
        long timeoutAt = limits.timeoutSeconds() == null ? Long.MAX_VALUE
                : start + services.timeScale().of(limits.timeoutSeconds()).toNanos();
        while (true) {
            long heartbeatAt = limits.heartbeatSeconds() == null ? Long.MAX_VALUE
                    : pending.lastHeartbeatNanos() + services.timeScale().of(limits.heartbeatSeconds()).toNanos();
            long wakeAt = Math.min(timeoutAt, heartbeatAt);
            try {
                if (wakeAt == Long.MAX_VALUE) {
                    return pending.outcome().get();
                }
                return pending.outcome().get(Math.max(0, wakeAt - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                if (now - timeoutAt >= 0) {
                    throw new StatesError(StatesError.TIMEOUT, "The task did not answer within " + limits.timeoutSeconds() + " seconds");
                }
                long latestHeartbeatAt = pending.lastHeartbeatNanos() + services.timeScale().of(limits.heartbeatSeconds()).toNanos();
                if (now - latestHeartbeatAt >= 0) {
                    throw new StatesError(StatesError.HEARTBEAT_TIMEOUT,
                            "The task sent no heartbeat within " + limits.heartbeatSeconds() + " seconds");
                }
            } catch (InterruptedException e) {
                throw new Cancelled("interrupted while waiting for a task token");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof StatesError error ? error : StatesError.runtime(String.valueOf(e.getCause()));
            }
        }
    }

    private void scheduled(TaskResource resource, JsonNode parameters, Limits limits, Lane lane) {
        ObjectNode details = resourceDetails(resource).put("region", services.region()).put("parameters", Json.write(parameters));
        if (limits.timeoutSeconds() != null) {
            details.put("timeoutInSeconds", limits.timeoutSeconds());
        }
        if (limits.heartbeatSeconds() != null) {
            details.put("heartbeatInSeconds", limits.heartbeatSeconds());
        }
        lane.add("TaskScheduled", "taskScheduledEventDetails", details);
    }

    private static ObjectNode resourceDetails(TaskResource resource) {
        return Json.object().put("resourceType", resource.resourceType()).put("resource", resource.resourceName());
    }

    private static ObjectNode outputDetails(ObjectNode details, JsonNode output) {
        details.put("output", Json.write(output));
        details.putObject("outputDetails").put("truncated", false);
        return details;
    }

    private static ObjectNode errorDetails(ObjectNode details, StatesError error) {
        details.put("error", error.error());
        if (error.errorCause() != null) {
            details.put("cause", error.errorCause());
        }
        return details;
    }

}

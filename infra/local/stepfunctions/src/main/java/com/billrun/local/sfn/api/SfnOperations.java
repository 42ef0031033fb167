package com.billrun.local.sfn.api;

import com.billrun.local.sfn.Json;
import com.billrun.local.sfn.SfnException;
import com.billrun.local.sfn.StepFunctionsEngine;
import com.billrun.local.sfn.definition.DefinitionException;
import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.ExecutionStatus;
import com.billrun.local.sfn.execution.HistoryEvent;
import com.billrun.local.sfn.execution.RegisteredStateMachine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The Step Functions API operations, request and response members named as in the AWS API Reference. */
final class SfnOperations {
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;

    private final StepFunctionsEngine engine;

    SfnOperations(StepFunctionsEngine engine) {
        this.engine = engine;
    }

    JsonNode call(String operation, JsonNode request) throws SfnException {
        return switch (operation) {
            case "CreateStateMachine" -> createStateMachine(request);
            case "DescribeStateMachine" -> describeStateMachine(stateMachine(request));
            case "ListStateMachines" -> listStateMachines();
            case "DeleteStateMachine" -> {
                engine.deleteStateMachine(required(request, "stateMachineArn"));
                yield Json.object();
            }
            case "StartExecution" -> startExecution(request);
            case "DescribeExecution" -> describeExecution(engine.execution(required(request, "executionArn")));
            case "ListExecutions" -> listExecutions(request);
            case "StopExecution" -> {
                Execution stopped = engine.stopExecution(required(request, "executionArn"),
                        text(request, "error"), text(request, "cause"));
                yield date(Json.object(), "stopDate", stopped.stopDate());
            }
            case "GetExecutionHistory" -> history(request);
            case "SendTaskSuccess" -> {
                engine.sendTaskSuccess(required(request, "taskToken"), required(request, "output"));
                yield Json.object();
            }
            case "SendTaskFailure" -> {
                engine.sendTaskFailure(required(request, "taskToken"), text(request, "error"), text(request, "cause"));
                yield Json.object();
            }
            case "SendTaskHeartbeat" -> {
                engine.sendTaskHeartbeat(required(request, "taskToken"));
                yield Json.object();
            }
            default -> throw new SfnException("UnknownOperationException",
                    "The local Step Functions does not implement " + operation);
        };
    }

    /** CreateStateMachine carries a finished definition: CloudFormation applies DefinitionSubstitutions first. */
    private JsonNode createStateMachine(JsonNode request) throws SfnException {
        String name = required(request, "name");
        String definition = required(request, "definition");
        for (RegisteredStateMachine existing : engine.stateMachines()) {
            if (existing.name().equals(name)) {
                if (!existing.definition().text().equals(definition)) {
                    throw new SfnException("StateMachineAlreadyExists", "State Machine Already Exists: '" + existing.arn() + "'");
                }
                return date(Json.object().put("stateMachineArn", existing.arn()), "creationDate", existing.creationDate());
            }
        }
        try {
            RegisteredStateMachine machine = engine.register(name, definition, Map.of());
            return date(Json.object().put("stateMachineArn", machine.arn()), "creationDate", machine.creationDate());
        } catch (DefinitionException e) {
            throw new SfnException("InvalidDefinition", "Invalid State Machine Definition: '" + e.getMessage() + "'");
        }
    }

    private RegisteredStateMachine stateMachine(JsonNode request) throws SfnException {
        String arn = required(request, "stateMachineArn");
        return engine.stateMachine(arn).orElseThrow(() ->
                new SfnException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'"));
    }

    private static JsonNode describeStateMachine(RegisteredStateMachine machine) {
        ObjectNode response = Json.object().put("stateMachineArn", machine.arn()).put("name", machine.name())
                .put("status", "ACTIVE").put("definition", machine.definition().text()).put("roleArn", machine.roleArn())
                .put("type", "STANDARD");
        return date(response, "creationDate", machine.creationDate());
    }

    private JsonNode listStateMachines() {
        ObjectNode response = Json.object();
        ArrayNode machines = response.putArray("stateMachines");
        for (RegisteredStateMachine machine : engine.stateMachines()) {
            machines.add(date(Json.object().put("stateMachineArn", machine.arn()).put("name", machine.name())
                    .put("type", "STANDARD"), "creationDate", machine.creationDate()));
        }
        return response;
    }

    private JsonNode startExecution(JsonNode request) throws SfnException {
        Execution execution = engine.startExecution(required(request, "stateMachineArn"), text(request, "name"),
                text(request, "input"));
        return date(Json.object().put("executionArn", execution.arn()), "startDate", execution.startDate());
    }

    private static JsonNode describeExecution(Execution execution) {
        ObjectNode response = summary(execution).put("input", execution.input());
        response.putObject("inputDetails").put("included", true);
        if (execution.output() != null) {
            response.put("output", execution.output());
            response.putObject("outputDetails").put("included", true);
        }
        if (execution.error() != null) {
            response.put("error", execution.error());
        }
        if (execution.cause() != null) {
            response.put("cause", execution.cause());
        }
        return response;
    }

    private static ObjectNode summary(Execution execution) {
        ObjectNode summary = Json.object().put("executionArn", execution.arn())
                .put("stateMachineArn", execution.stateMachine().arn()).put("name", execution.name())
                .put("status", execution.status().name());
        date(summary, "startDate", execution.startDate());
        if (execution.stopDate() != null) {
            date(summary, "stopDate", execution.stopDate());
        }
        return summary;
    }

    /** ListExecutions: newest first, optional statusFilter, paged by maxResults/nextToken. */
    private JsonNode listExecutions(JsonNode request) throws SfnException {
        RegisteredStateMachine machine = stateMachine(request);
        String statusFilter = text(request, "statusFilter");
        List<Execution> matching = engine.executions(machine.arn()).stream()
                .filter(e -> statusFilter == null || e.status() == ExecutionStatus.valueOf(statusFilter))
                .toList();
        Page page = Page.of(request, matching.size());
        ObjectNode response = Json.object();
        ArrayNode executions = response.putArray("executions");
        matching.subList(page.from(), page.to()).forEach(e -> executions.add(summary(e)));
        page.nextToken().ifPresent(token -> response.put("nextToken", token));
        return response;
    }

    private JsonNode history(JsonNode request) throws SfnException {
        Execution execution = engine.execution(required(request, "executionArn"));
        List<HistoryEvent> events = execution.history().events();
        if (request.path("reverseOrder").asBoolean(false)) {
            events = events.reversed();
        }
        boolean includeData = request.path("includeExecutionData").asBoolean(true);
        Page page = Page.of(request, events.size());
        ObjectNode response = Json.object();
        ArrayNode out = response.putArray("events");
        for (HistoryEvent event : events.subList(page.from(), page.to())) {
            ObjectNode node = date(Json.object(), "timestamp", event.timestamp()).put("type", event.type())
                    .put("id", event.id()).put("previousEventId", event.previousEventId());
            if (event.details() != null) {
                ObjectNode details = event.details().deepCopy();
                if (!includeData) {
                    details.remove(List.of("input", "output", "parameters"));
                }
                node.set(event.detailsKey(), details);
            }
            out.add(node);
        }
        page.nextToken().ifPresent(token -> response.put("nextToken", token));
        return response;
    }

    /** Pagination over a list: nextToken is the offset of the next page. */
    private record Page(int from, int to, int size) {
        static Page of(JsonNode request, int size) throws SfnException {
            int max = request.path("maxResults").asInt(0);
            int pageSize = max <= 0 ? DEFAULT_PAGE : Math.min(max, MAX_PAGE);
            int from = 0;
            if (request.hasNonNull("nextToken")) {
                try {
                    from = Integer.parseInt(request.get("nextToken").asText());
                } catch (NumberFormatException e) {
                    throw new SfnException("InvalidToken", "Invalid Token: '" + request.get("nextToken").asText() + "'");
                }
            }
            from = Math.min(Math.max(0, from), size);
            return new Page(from, Math.min(size, from + pageSize), size);
        }

        java.util.Optional<String> nextToken() {
            return to < size ? java.util.Optional.of(String.valueOf(to)) : java.util.Optional.empty();
        }
    }

    private static String required(JsonNode request, String member) throws SfnException {
        String value = text(request, member);
        if (value == null) {
            throw new SfnException("ValidationException", "1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static String text(JsonNode request, String member) {
        JsonNode value = request.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** AWS JSON 1.0 timestamps are epoch seconds, as a number with a fraction. */
    private static ObjectNode date(ObjectNode node, String member, Instant instant) {
        return node.put(member, BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }
}

package com.billrun.local.sfn.api;

import com.billrun.local.sfn.Json;
import com.billrun.local.sfn.SfnException;
import com.billrun.local.sfn.StepFunctionsEngine;
import com.billrun.local.sfn.definition.DefinitionException;
import com.billrun.local.sfn.execution.Execution;
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
    // Bounds of the members, from the AWS Step Functions API Reference.
    private static final int MAX_ARN = 256;
    private static final int MAX_NAME = 80;
    private static final int MAX_DEFINITION = 1024 * 1024;
    private static final int MAX_PAYLOAD = 256 * 1024;
    private static final int MAX_ERROR = 256;
    private static final int MAX_CAUSE = 32768;
    private static final int MAX_TASK_TOKEN = 2048;
    private static final int MAX_NEXT_TOKEN = 3096;
    private static final List<String> STATUSES = List.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED",
            "PENDING_REDRIVE");

    private final StepFunctionsEngine engine;

    SfnOperations(StepFunctionsEngine engine) {
        this.engine = engine;
    }

    JsonNode call(String operation, JsonNode request) throws SfnException {
        return switch (operation) {
            case "CreateStateMachine" -> createStateMachine(request);
            case "DescribeStateMachine" -> describeStateMachine(stateMachine(request));
            case "ListStateMachines" -> {
                Page.of(request, 0); // maxResults and nextToken are checked as AWS checks them
                yield listStateMachines();
            }
            case "DeleteStateMachine" -> {
                engine.deleteStateMachine(arn(request, "stateMachineArn"));
                yield Json.object();
            }
            case "StartExecution" -> startExecution(request);
            case "DescribeExecution" -> describeExecution(engine.execution(arn(request, "executionArn")));
            case "ListExecutions" -> listExecutions(request);
            case "StopExecution" -> {
                Execution stopped = engine.stopExecution(arn(request, "executionArn"),
                        text(request, "error", 0, MAX_ERROR), text(request, "cause", 0, MAX_CAUSE));
                yield date(Json.object(), "stopDate", stopped.stopDate());
            }
            case "GetExecutionHistory" -> history(request);
            case "SendTaskSuccess" -> {
                engine.sendTaskSuccess(taskToken(request), required(request, "output", 0, MAX_PAYLOAD));
                yield Json.object();
            }
            case "SendTaskFailure" -> {
                engine.sendTaskFailure(taskToken(request), text(request, "error", 0, MAX_ERROR),
                        text(request, "cause", 0, MAX_CAUSE));
                yield Json.object();
            }
            case "SendTaskHeartbeat" -> {
                engine.sendTaskHeartbeat(taskToken(request));
                yield Json.object();
            }
            default -> throw new SfnException("UnknownOperationException",
                    "The local Step Functions does not implement " + operation);
        };
    }

    /** CreateStateMachine carries a finished definition: CloudFormation applies DefinitionSubstitutions first. */
    private JsonNode createStateMachine(JsonNode request) throws SfnException {
        String name = required(request, "name", 1, MAX_NAME);
        String definition = required(request, "definition", 1, MAX_DEFINITION);
        String roleArn = text(request, "roleArn", 1, MAX_ARN);
        oneOf(request, "type", List.of("STANDARD", "EXPRESS"));
        for (RegisteredStateMachine existing : engine.stateMachines()) {
            if (existing.name().equals(name)) {
                if (!existing.definition().text().equals(definition)) {
                    throw new SfnException("StateMachineAlreadyExists", "State Machine Already Exists: '" + existing.arn() + "'");
                }
                return date(Json.object().put("stateMachineArn", existing.arn()), "creationDate", existing.creationDate());
            }
        }
        try {
            RegisteredStateMachine machine = engine.register(name, definition, Map.of(), roleArn);
            return date(Json.object().put("stateMachineArn", machine.arn()), "creationDate", machine.creationDate());
        } catch (DefinitionException e) {
            throw new SfnException("InvalidDefinition", "Invalid State Machine Definition: '" + e.getMessage() + "'");
        }
    }

    private RegisteredStateMachine stateMachine(JsonNode request) throws SfnException {
        String arn = arn(request, "stateMachineArn");
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
        Execution execution = engine.startExecution(arn(request, "stateMachineArn"), text(request, "name", 1, MAX_NAME),
                text(request, "input", 0, Integer.MAX_VALUE)); // its 256 KiB quota: the engine's InvalidExecutionInput
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
        String statusFilter = oneOf(request, "statusFilter", STATUSES);
        List<Execution> matching = engine.executions(machine.arn()).stream()
                .filter(e -> statusFilter == null || e.status().name().equals(statusFilter))
                .toList();
        Page page = Page.of(request, matching.size());
        ObjectNode response = Json.object();
        ArrayNode executions = response.putArray("executions");
        matching.subList(page.from(), page.to()).forEach(e -> executions.add(summary(e)));
        page.nextToken().ifPresent(token -> response.put("nextToken", token));
        return response;
    }

    private JsonNode history(JsonNode request) throws SfnException {
        Execution execution = engine.execution(arn(request, "executionArn"));
        List<HistoryEvent> events = execution.history().events();
        boolean reverse = bool(request, "reverseOrder", false);
        boolean includeData = bool(request, "includeExecutionData", true);
        Page page = Page.of(request, events.size());
        if (reverse) {
            events = events.reversed();
        }
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
            int max = integer(request, "maxResults", 0, MAX_PAGE);
            int pageSize = max <= 0 ? DEFAULT_PAGE : max;
            int from = 0;
            String token = text(request, "nextToken", 1, MAX_NEXT_TOKEN);
            if (token != null) {
                try {
                    from = Integer.parseInt(token);
                } catch (NumberFormatException e) {
                    throw new SfnException("InvalidToken", "Invalid Token: '" + token + "'");
                }
            }
            from = Math.min(Math.max(0, from), size);
            return new Page(from, Math.min(size, from + pageSize), size);
        }

        java.util.Optional<String> nextToken() {
            return to < size ? java.util.Optional.of(String.valueOf(to)) : java.util.Optional.empty();
        }
    }

    // ------------------------------------------------------------------ members, checked as the service checks them

    /**
     * A string member within the API Reference's length bounds, or null when absent. A member of another JSON type
     * is a SerializationException, a value out of bounds a ValidationException (400 both, never a 500).
     */
    private static String text(JsonNode request, String member, int minLength, int maxLength) throws SfnException {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new SfnException("SerializationException", "Member '" + member + "' must be a string, not " + value.getNodeType());
        }
        String text = value.asText();
        if (text.length() < minLength || text.length() > maxLength) {
            throw invalid(text, member, "Member must have length " + (text.length() < minLength
                    ? "greater than or equal to " + minLength : "less than or equal to " + maxLength));
        }
        return text;
    }

    private static String required(JsonNode request, String member, int minLength, int maxLength) throws SfnException {
        String value = text(request, member, minLength, maxLength);
        if (value == null) {
            throw new SfnException("ValidationException", "1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static String arn(JsonNode request, String member) throws SfnException {
        return required(request, member, 1, MAX_ARN);
    }

    private static String taskToken(JsonNode request) throws SfnException {
        return required(request, "taskToken", 1, MAX_TASK_TOKEN);
    }

    private static String oneOf(JsonNode request, String member, List<String> values) throws SfnException {
        String value = text(request, member, 0, Integer.MAX_VALUE);
        if (value != null && !values.contains(value)) {
            throw invalid(value, member, "Member must satisfy enum value set: " + values);
        }
        return value;
    }

    private static boolean bool(JsonNode request, String member, boolean absent) throws SfnException {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw new SfnException("SerializationException", "Member '" + member + "' must be a boolean, not " + value.getNodeType());
        }
        return value.asBoolean();
    }

    private static int integer(JsonNode request, String member, int min, int max) throws SfnException {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber()) {
            throw new SfnException("SerializationException", "Member '" + member + "' must be an integer, not " + value);
        }
        if (!value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw invalid(value.asText(), member, "Member must have value " + (value.canConvertToInt() && value.asInt() < min
                    ? "greater than or equal to " + min : "less than or equal to " + max));
        }
        return value.asInt();
    }

    private static SfnException invalid(String value, String member, String constraint) {
        String shown = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        return new SfnException("ValidationException", "1 validation error detected: Value '" + shown + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    /** AWS JSON 1.0 timestamps are epoch seconds, as a number with a fraction. */
    private static ObjectNode date(ObjectNode node, String member, Instant instant) {
        return node.put(member, BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }
}

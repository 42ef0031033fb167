package com.billrun.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;

/** The Step Functions API (AWS JSON 1.0) through the real SDK SfnClient. */
class SfnApiTest {
    private static final String GREETING = """
            {"StartAt": "Greet", "States": {
              "Greet": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "Greeter", "Payload.$": "$"}, "OutputPath": "$.Payload", "End": true}}}""";
    private static final String SLOW = """
            {"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 100000, "End": true}}}""";

    private static LocalAws aws;
    private static String greetingArn;
    private static String slowArn;

    @BeforeAll
    static void start() throws Exception {
        aws = new LocalAws((function, payload) -> Json.object().put("greeting", "Hello, " + payload.path("who").asText()),
                LocalSfn.FAST);
        greetingArn = aws.sfn.createStateMachine(b -> b.name("greeting").definition(GREETING)
                .roleArn("arn:aws:iam::123456789012:role/sfn")).stateMachineArn();
        slowArn = aws.sfn.createStateMachine(b -> b.name("slow").definition(SLOW)
                .roleArn("arn:aws:iam::123456789012:role/sfn")).stateMachineArn();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    @DisplayName("StartExecution returns the execution ARN and a startDate; DescribeExecution shows SUCCEEDED with output")
    void startAndDescribe() throws Exception {
        StartExecutionResponse started = aws.sfn.startExecution(b -> b.stateMachineArn(greetingArn).name("run-1")
                .input("{\"who\": \"Ada\"}"));

        assertEquals("arn:aws:states:us-east-1:123456789012:execution:greeting:run-1", started.executionArn());
        assertTrue(Duration.between(started.startDate(), Instant.now()).abs().toSeconds() < 60);
        DescribeExecutionResponse described = awaitFinished(started.executionArn());
        assertEquals(ExecutionStatus.SUCCEEDED, described.status());
        assertEquals("{\"who\": \"Ada\"}", described.input());
        assertEquals("{\"greeting\":\"Hello, Ada\"}", described.output());
        assertEquals("run-1", described.name());
        assertNotNull(described.stopDate());
    }

    @Test
    @DisplayName("AWS StartExecution: a name already used by the state machine is ExecutionAlreadyExists")
    void executionNamesAreUnique() {
        aws.sfn.startExecution(b -> b.stateMachineArn(greetingArn).name("once").input("{\"who\": \"A\"}"));

        assertThrows(ExecutionAlreadyExistsException.class,
                () -> aws.sfn.startExecution(b -> b.stateMachineArn(greetingArn).name("once").input("{\"who\": \"B\"}")));
    }

    @Test
    @DisplayName("StopExecution midway: the execution ends ABORTED with the given error and cause")
    void stopMidway() throws Exception {
        String arn = aws.sfn.startExecution(b -> b.stateMachineArn(slowArn).name("to-stop")).executionArn();
        awaitEvent(arn, "WaitStateEntered");

        aws.sfn.stopExecution(b -> b.executionArn(arn).error("Operator.Cancel").cause("bill run canceled"));

        DescribeExecutionResponse described = aws.sfn.describeExecution(b -> b.executionArn(arn));
        assertEquals(ExecutionStatus.ABORTED, described.status());
        assertEquals("Operator.Cancel", described.error());
        assertEquals("bill run canceled", described.cause());
        List<String> types = historyTypes(arn);
        assertEquals(List.of("ExecutionStarted", "WaitStateEntered", "ExecutionAborted"), types);
    }

    @Test
    @DisplayName("ListExecutions lists newest first and filters by status")
    void listExecutions() throws Exception {
        String first = aws.sfn.startExecution(b -> b.stateMachineArn(greetingArn).name("list-1")).executionArn();
        awaitFinished(first);
        String second = aws.sfn.startExecution(b -> b.stateMachineArn(slowArn).name("list-2")).executionArn();

        var succeeded = aws.sfn.listExecutions(b -> b.stateMachineArn(greetingArn).statusFilter(ExecutionStatus.SUCCEEDED)).executions();
        assertTrue(succeeded.stream().anyMatch(e -> e.executionArn().equals(first)));
        var running = aws.sfn.listExecutions(b -> b.stateMachineArn(slowArn).statusFilter(ExecutionStatus.RUNNING)).executions();
        assertEquals(second, running.getFirst().executionArn());
        aws.sfn.stopExecution(b -> b.executionArn(second));
    }

    @Test
    @DisplayName("GetExecutionHistory names events as AWS does, with typed details, ids and previousEventId")
    void history() throws Exception {
        String arn = aws.sfn.startExecution(b -> b.stateMachineArn(greetingArn).input("{\"who\": \"Bo\"}")).executionArn();
        awaitFinished(arn);

        List<HistoryEvent> events = aws.sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                "TaskStateExited", "ExecutionSucceeded"), events.stream().map(HistoryEvent::typeAsString).toList());
        assertEquals("{\"who\": \"Bo\"}", events.getFirst().executionStartedEventDetails().input());
        assertEquals("Greet", events.get(1).stateEnteredEventDetails().name());
        assertEquals("lambda", events.get(2).taskScheduledEventDetails().resourceType());
        assertEquals("invoke", events.get(2).taskScheduledEventDetails().resource());
        assertEquals(2L, events.get(2).previousEventId());
        assertEquals("{\"greeting\":\"Hello, Bo\"}", events.getLast().executionSucceededEventDetails().output());
        var reversed = aws.sfn.getExecutionHistory(b -> b.executionArn(arn).reverseOrder(true).maxResults(2));
        assertEquals("ExecutionSucceeded", reversed.events().getFirst().typeAsString());
        assertNotNull(reversed.nextToken());
    }

    @Test
    @DisplayName("AWS errors: ExecutionDoesNotExist, InvalidDefinition, and SendTask* with a bad or unknown token")
    void errors() {
        assertThrows(ExecutionDoesNotExistException.class, () -> aws.sfn.describeExecution(b -> b.executionArn(
                "arn:aws:states:us-east-1:123456789012:execution:greeting:nope")));
        InvalidDefinitionException invalid = assertThrows(InvalidDefinitionException.class, () -> aws.sfn.createStateMachine(b -> b
                .name("broken").roleArn("arn:aws:iam::123456789012:role/sfn")
                .definition("{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"Foo\": 1, \"End\": true}}}")));
        assertTrue(invalid.getMessage().contains("State 'S', field 'Foo'"), invalid.getMessage());
        assertThrows(InvalidTokenException.class, () -> aws.sfn.sendTaskSuccess(b -> b.taskToken("garbage").output("{}")));
        assertThrows(TaskDoesNotExistException.class, () -> aws.sfn.sendTaskHeartbeat(b -> b.taskToken(
                "AQBRSFN" + "A".repeat(64))));
    }

    private static DescribeExecutionResponse awaitFinished(String arn) throws InterruptedException {
        for (int i = 0; i < 2000; i++) {
            DescribeExecutionResponse described = aws.sfn.describeExecution(b -> b.executionArn(arn));
            if (described.status() != ExecutionStatus.RUNNING) {
                return described;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("execution still running: " + arn);
    }

    private static void awaitEvent(String arn, String type) throws InterruptedException {
        for (int i = 0; i < 2000 && !historyTypes(arn).contains(type); i++) {
            Thread.sleep(10);
        }
    }

    private static List<String> historyTypes(String arn) {
        return aws.sfn.getExecutionHistory(b -> b.executionArn(arn)).events().stream().map(HistoryEvent::typeAsString).toList();
    }
}

package com.billrun.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * Invalid parameters of every operation the local Step Functions API implements are answered as AWS answers them:
 * HTTP 400 with {@code __type} ValidationException (a value out of the API Reference's bounds or enum) or
 * SerializationException (a member of the wrong JSON type), never a 500 with a Java message. Each request is sent
 * raw (AWS JSON 1.0), since an SDK might refuse some of them before sending; one goes through the SDK too.
 */
class SfnApiValidationTest {
    private static final String WAIT = """
            {"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 100000, "End": true}}}""";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalAws aws;
    private static String machineArn;
    private static String executionArn;

    @BeforeAll
    static void start() throws Exception {
        aws = new LocalAws((function, payload) -> Json.object(), LocalSfn.FAST);
        machineArn = aws.sfn.createStateMachine(b -> b.name("validated").definition(WAIT)
                .roleArn("arn:aws:iam::123456789012:role/sfn")).stateMachineArn();
        executionArn = aws.sfn.startExecution(b -> b.stateMachineArn(machineArn).name("waiting")).executionArn();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static Stream<Arguments> invalid() {
        String arn = "\"%s\"";
        return Stream.of(
                row("ListExecutions", "{\"stateMachineArn\":" + arn + ",\"statusFilter\":\"DONE\"}", "ValidationException"),
                row("ListExecutions", "{\"stateMachineArn\":" + arn + ",\"statusFilter\":\"running\"}", "ValidationException"),
                row("ListExecutions", "{\"stateMachineArn\":" + arn + ",\"statusFilter\":42}", "SerializationException"),
                row("ListExecutions", "{\"stateMachineArn\":" + arn + ",\"maxResults\":1001}", "ValidationException"),
                row("ListExecutions", "{\"stateMachineArn\":" + arn + ",\"maxResults\":-1}", "ValidationException"),
                row("ListExecutions", "{\"stateMachineArn\":" + arn + ",\"maxResults\":\"ten\"}", "SerializationException"),
                row("ListExecutions", "{\"stateMachineArn\":" + arn + ",\"maxResults\":99999999999}", "ValidationException"),
                row("ListExecutions", "{\"stateMachineArn\":" + arn + ",\"nextToken\":\"\"}", "ValidationException"),
                row("ListExecutions", "{\"stateMachineArn\":" + arn + ",\"nextToken\":\"" + "1".repeat(3097) + "\"}", "ValidationException"),
                row("ListExecutions", "{}", "ValidationException"),
                row("ListExecutions", "{\"stateMachineArn\":\"" + "a".repeat(257) + "\"}", "ValidationException"),
                row("ListExecutions", "{\"stateMachineArn\":[1]}", "SerializationException"),
                row("ListStateMachines", "{\"maxResults\":5000}", "ValidationException"),
                row("DescribeStateMachine", "{\"stateMachineArn\":\"\"}", "ValidationException"),
                row("DeleteStateMachine", "{\"stateMachineArn\":{}}", "SerializationException"),
                row("CreateStateMachine", "{\"name\":\"" + "n".repeat(81) + "\",\"definition\":\"{}\",\"roleArn\":\"r\"}", "ValidationException"),
                row("CreateStateMachine", "{\"name\":\"x\",\"definition\":\"{}\",\"roleArn\":\"r\",\"type\":\"FAST\"}", "ValidationException"),
                row("StartExecution", "{\"stateMachineArn\":" + arn + ",\"name\":\"" + "n".repeat(81) + "\"}", "ValidationException"),
                row("StartExecution", "{\"stateMachineArn\":" + arn + ",\"name\":7}", "SerializationException"),
                row("StartExecution", "{\"stateMachineArn\":" + arn + ",\"input\":{\"a\":1}}", "SerializationException"),
                row("DescribeExecution", "{\"executionArn\":true}", "SerializationException"),
                row("DescribeExecution", "{}", "ValidationException"),
                row("StopExecution", "{\"executionArn\":\"%2$s\",\"error\":\"" + "e".repeat(257) + "\"}", "ValidationException"),
                row("StopExecution", "{\"executionArn\":\"%2$s\",\"cause\":\"" + "c".repeat(32769) + "\"}", "ValidationException"),
                row("GetExecutionHistory", "{\"executionArn\":\"%2$s\",\"maxResults\":1001}", "ValidationException"),
                row("GetExecutionHistory", "{\"executionArn\":\"%2$s\",\"reverseOrder\":\"yes\"}", "SerializationException"),
                row("GetExecutionHistory", "{\"executionArn\":\"%2$s\",\"includeExecutionData\":1}", "SerializationException"),
                row("SendTaskSuccess", "{\"taskToken\":\"" + "t".repeat(2049) + "\",\"output\":\"{}\"}", "ValidationException"),
                row("SendTaskSuccess", "{\"taskToken\":\"\",\"output\":\"{}\"}", "ValidationException"),
                row("SendTaskSuccess", "{\"taskToken\":\"t\"}", "ValidationException"),
                row("SendTaskFailure", "{\"taskToken\":\"t\",\"error\":\"" + "e".repeat(257) + "\"}", "ValidationException"),
                row("SendTaskHeartbeat", "{\"taskToken\":5}", "SerializationException"),
                row("ListExecutions", "[]", "SerializationException"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalid")
    void anInvalidParameterIs400WithTheAwsErrorType(String operation, String body, String type) throws Exception {
        HttpResponse<String> answer = send(operation, body.formatted(machineArn, executionArn));
        assertEquals(400, answer.statusCode(), answer.body());
        JsonNode error = Json.parse(answer.body());
        assertEquals(type, error.path("__type").asText(), answer.body());
        assertFalse(error.path("message").asText().contains("java."), "no Java message: " + answer.body());
        // nothing changed: the one execution still runs
        assertEquals(ExecutionStatus.RUNNING, aws.sfn.describeExecution(b -> b.executionArn(executionArn)).status());
    }

    @Test
    void theSdkSeesAnUnknownStatusFilterAsAValidationException() {
        SfnException refused = assertThrows(SfnException.class,
                () -> aws.sfn.listExecutions(b -> b.stateMachineArn(machineArn).statusFilter("DONE")));
        assertEquals(400, refused.statusCode());
        assertEquals("ValidationException", refused.awsErrorDetails().errorCode());
    }

    @Test
    void validFiltersStillList() {
        assertEquals(1, aws.sfn.listExecutions(b -> b.stateMachineArn(machineArn).statusFilter(ExecutionStatus.RUNNING))
                .executions().size());
        assertEquals(0, aws.sfn.listExecutions(b -> b.stateMachineArn(machineArn).statusFilter("PENDING_REDRIVE"))
                .executions().size());
        assertEquals(0, aws.sfn.listExecutions(b -> b.stateMachineArn(machineArn).statusFilter(ExecutionStatus.SUCCEEDED))
                .executions().size());
    }

    private static Arguments row(String operation, String body, String type) {
        return Arguments.of(operation, body, type);
    }

    private static HttpResponse<String> send(String operation, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(aws.stepFunctions.url().toString()))
                .header("X-Amz-Target", "AWSStepFunctions." + operation)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

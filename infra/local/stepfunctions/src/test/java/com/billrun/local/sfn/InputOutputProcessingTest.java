package com.billrun.local.sfn;

import static com.billrun.local.sfn.LocalSfn.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.ExecutionStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InputOutputProcessingTest {
    private final List<String> calls = new ArrayList<>();
    private final Map<String, String> results = Map.of(
            "arn:aws:lambda:us-east-1:123456789012:function:HelloFunction", "\"Hello, AWS Step Functions!\"",
            "CreateCluster", """
                    {"resourceType": "elasticmapreduce", "resource": "createCluster.sync",
                     "output": {"SdkHttpMetadata": {"HttpStatusCode": 200}, "ClusterId": "AKIAIOSFODNN7EXAMPLE"}}""",
            "Echo", "null");
    private final LocalSfn sfn = new LocalSfn((function, payload) -> {
        calls.add(function + " " + Json.write(payload));
        String result = results.get(function);
        return result.equals("null") ? payload : Json.parse(result);
    });

    @AfterEach
    void close() {
        sfn.close();
    }

    @Test
    @DisplayName("AWS 'InputPath, ResultPath and OutputPath Examples': the HelloFunction state, end to end")
    void awsInputResultOutputPathExample() throws Exception {
        Execution execution = sfn.run("""
                {"Comment": "A Hello World example of the Amazon States Language using an AWS Lambda function",
                 "StartAt": "HelloWorld",
                 "States": {"HelloWorld": {"Type": "Task",
                   "Resource": "arn:aws:lambda:us-east-1:123456789012:function:HelloFunction",
                   "InputPath": "$.lambda", "ResultPath": "$.data.lambdaresult", "OutputPath": "$.data", "End": true}}}""",
                """
                {"comment": "An input comment.", "data": {"val1": 23, "val2": 17}, "extra": "foo",
                 "lambda": {"who": "AWS Step Functions"}}""");

        assertEquals(List.of("arn:aws:lambda:us-east-1:123456789012:function:HelloFunction {\"who\":\"AWS Step Functions\"}"), calls);
        assertEquals(Json.parse("{\"val1\": 23, \"val2\": 17, \"lambdaresult\": \"Hello, AWS Step Functions!\"}"), output(execution));
    }

    @Test
    @DisplayName("AWS 'Manipulate parameters': the Parameters example selects size and availability, keeps static values")
    void awsParametersExample() throws Exception {
        Execution execution = sfn.run("""
                {"StartAt": "Select", "States": {"Select": {"Type": "Pass", "End": true,
                  "Parameters": {"comment": "Selecting what I care about.",
                    "MyDetails": {"size.$": "$.product.details.size", "exists.$": "$.product.availability", "StaticValue": "foo"}}}}}""",
                """
                {"comment": "Example for Parameters.", "product": {"details": {"color": "blue", "size": "small",
                 "material": "cotton"}, "availability": "in stock", "sku": "2317", "cost": "$23"}}""");

        assertEquals(Json.parse("""
                {"comment": "Selecting what I care about.",
                 "MyDetails": {"size": "small", "exists": "in stock", "StaticValue": "foo"}}"""), output(execution));
    }

    @Test
    @DisplayName("AWS 'Manipulate parameters', ResultSelector: the EMR example keeps ClusterId and ResourceType at $.EMROutput")
    void awsResultSelectorExample() throws Exception {
        Execution execution = sfn.run("""
                {"StartAt": "Create", "States": {"Create": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "CreateCluster", "Payload.$": "$"},
                  "ResultSelector": {"ClusterId.$": "$.Payload.output.ClusterId", "ResourceType.$": "$.Payload.resourceType"},
                  "ResultPath": "$.EMROutput", "End": true}}}""",
                "{\"Name\": \"MyWorkflowCluster\"}");

        assertEquals(Json.parse("""
                {"Name": "MyWorkflowCluster",
                 "EMROutput": {"ClusterId": "AKIAIOSFODNN7EXAMPLE", "ResourceType": "elasticmapreduce"}}"""), output(execution));
    }

    @Test
    @DisplayName("All five filters in AWS's order: InputPath → Parameters → task → ResultSelector → ResultPath → OutputPath")
    void allFiveFiltersInOrder() throws Exception {
        Execution execution = sfn.run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "InputPath": "$.order",
                  "Parameters": {"FunctionName": "Echo", "Payload": {"id.$": "$.id", "fixed": 1}},
                  "ResultSelector": {"echoed.$": "$.Payload", "status.$": "$.StatusCode"},
                  "ResultPath": "$.order.result",
                  "OutputPath": "$.order", "End": true}}}""",
                "{\"order\": {\"id\": \"o-1\", \"lines\": 3}, \"noise\": true}");

        assertEquals(List.of("Echo {\"id\":\"o-1\",\"fixed\":1}"), calls);
        assertEquals(Json.parse("{\"id\": \"o-1\", \"lines\": 3, \"result\": {\"echoed\": {\"id\": \"o-1\", \"fixed\": 1}, \"status\": 200}}"),
                output(execution));
    }

    @Test
    @DisplayName("AWS 'lambda:invoke' returns Lambda's Invoke response: Payload, StatusCode 200, ExecutedVersion")
    void lambdaInvokeResultIsWrapped() throws Exception {
        JsonNode out = output(sfn.run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "Echo", "Payload.$": "$"}, "End": true}}}""", "{\"a\": 1}"));

        assertEquals(Json.parse("{\"a\": 1}"), out.get("Payload"));
        assertEquals(200, out.get("StatusCode").intValue());
        assertEquals("$LATEST", out.get("ExecutedVersion").textValue());
    }

    @Test
    @DisplayName("AWS 'ResultPath': null keeps the input; InputPath null and OutputPath null give {}")
    void nullPaths() throws Exception {
        assertEquals(Json.parse("{\"keep\": 1}"), output(sfn.run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "ignored", "ResultPath": null, "End": true}}}""",
                "{\"keep\": 1}")));
        assertEquals(Json.parse("{\"r\": {}}"), output(sfn.run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": null, "ResultPath": "$.r", "End": true}}}""",
                "{}")));
        assertEquals(Json.parse("{}"), output(sfn.run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": null, "End": true}}}""", "{\"a\": 1}")));
    }

    @Test
    @DisplayName("AWS 'Context object': $$.Execution, $$.StateMachine and $$.State fields in Parameters")
    void contextObject() throws Exception {
        Execution execution = sfn.run("""
                {"StartAt": "Ctx", "States": {"Ctx": {"Type": "Pass", "End": true, "Parameters": {
                  "id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name", "input.$": "$$.Execution.Input",
                  "start.$": "$$.Execution.StartTime", "role.$": "$$.Execution.RoleArn",
                  "machine.$": "$$.StateMachine.Id", "machineName.$": "$$.StateMachine.Name",
                  "state.$": "$$.State.Name", "entered.$": "$$.State.EnteredTime", "retries.$": "$$.State.RetryCount"}}}}""",
                "{\"x\": 1}");
        JsonNode out = output(execution);

        assertEquals(execution.arn(), out.get("id").textValue());
        assertEquals(execution.name(), out.get("name").textValue());
        assertEquals(Json.parse("{\"x\": 1}"), out.get("input"));
        assertEquals(execution.stateMachine().arn(), out.get("machine").textValue());
        assertEquals(execution.stateMachine().name(), out.get("machineName").textValue());
        assertEquals("Ctx", out.get("state").textValue());
        assertEquals(0, out.get("retries").intValue());
        assertTrue(out.get("start").textValue().endsWith("Z"));
        assertTrue(out.get("role").textValue().startsWith("arn:aws:iam::"));
    }

    @Test
    @DisplayName("A path that selects nothing fails the execution with States.Runtime, which no Catch can catch")
    void missingPathIsRuntimeError() throws Exception {
        Execution execution = sfn.run("""
                {"StartAt": "P", "States": {
                  "P": {"Type": "Pass", "Parameters": {"x.$": "$.missing"}, "Next": "Done"},
                  "Done": {"Type": "Succeed"}}}""", "{}");

        assertEquals(ExecutionStatus.FAILED, execution.status());
        assertEquals("States.Runtime", execution.error());
        assertTrue(execution.cause().contains("$.missing"), execution.cause());
    }

    @Test
    @DisplayName("AWS quota: a state output above 256 KiB fails with States.DataLimitExceeded")
    void dataLimit() throws Exception {
        Execution execution = sfn.run("""
                {"StartAt": "Big", "States": {"Big": {"Type": "Pass", "End": true,
                  "Parameters": {"copies.$": "States.Array($.s, $.s, $.s, $.s, $.s)"}}}}""",
                "{\"s\": \"" + "x".repeat(60_000) + "\"}");

        assertEquals("States.DataLimitExceeded", execution.error());
    }
}

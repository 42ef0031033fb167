package com.billrun.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.ExecutionStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** Where the engine used to depart from AWS, each case with the AWS documentation rule it now follows. */
class ConformanceFixesTest {
    private static final String FLAKY = "arn:aws:lambda:us-east-1:123456789012:function:flaky";
    private final AtomicInteger calls = new AtomicInteger();
    private final LocalSfn sfn = new LocalSfn((arn, payload) -> {
        String function = LambdaInvoker.functionName(arn);
        int call = calls.incrementAndGet();
        if (function.equals("flaky") && call == 1) {
            throw new LambdaInvocationException("Billing.Transient", "first call fails");
        }
        if (function.equals("broken")) {
            throw new LambdaInvocationException("Billing.Broken", "always fails");
        }
        return Json.object().put("call", call);
    });

    @AfterEach
    void close() {
        sfn.close();
    }

    /*
     * "States.TaskFailed: ... When used in a retry or catch, States.TaskFailed acts as a wildcard that matches any
     * known error except for States.Timeout" (Handling errors in Step Functions workflows, Error names,
     * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
     */
    @Test
    @DisplayName("AWS error names: States.TaskFailed in the Catch and Retry of a Parallel or Map matches a branch's failed Task")
    void taskFailedMatchesAFailedBranch() throws Exception {
        Execution parallel = sfn.run("""
                {"StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "End": true,
                    "Branches": [{"StartAt": "T", "States": {"T": {"Type": "Task",
                      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:broken", "End": true}}}],
                    "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.failure", "Next": "Caught"}]},
                  "Caught": {"Type": "Pass", "End": true}}}""", "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, parallel.status(), parallel.cause());
        assertEquals("Billing.Broken", LocalSfn.output(parallel).at("/failure/Error").textValue());

        Execution map = sfn.run("""
                {"StartAt": "M", "States": {
                  "M": {"Type": "Map", "ItemsPath": "$.ids", "End": true,
                    "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}},
                    "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 1, "MaxAttempts": 1}]}}}"""
                .formatted(FLAKY), "{\"ids\": [1]}");
        assertEquals(ExecutionStatus.SUCCEEDED, map.status(), map.cause());
        assertEquals(2, LocalSfn.output(map).get(0).get("call").intValue(), "the Map was retried once");
    }

    /*
     * States.MathAdd: "If you specify a non-integer value for one or both the arguments, Step Functions will round it
     * to the nearest integer" (Intrinsic functions, https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html).
     */
    @Test
    @DisplayName("AWS States.MathAdd rounds non-integer arguments to the nearest integer")
    void mathAddRounds() throws Exception {
        Execution execution = sfn.run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true, "Parameters": {
                  "a.$": "States.MathAdd($.x, $.y)", "b.$": "States.MathAdd($.z, 1)"}}}}""",
                "{\"x\": 1.4, \"y\": 2.6, \"z\": -3.7}");

        assertEquals(Json.parse("{\"a\": 4, \"b\": -3}"), LocalSfn.output(execution));
    }

    /*
     * The context object's timestamps show milliseconds, e.g. "StartTime": "2019-03-26T20:14:13.192Z"
     * (Accessing execution data from the Context object, https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html).
     */
    @Test
    @DisplayName("AWS context object: $$.Execution.StartTime and $$.State.EnteredTime carry exactly three fraction digits")
    void contextTimestampsInMilliseconds() throws Exception {
        Execution execution = sfn.run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true, "Parameters": {
                  "start.$": "$$.Execution.StartTime", "entered.$": "$$.State.EnteredTime"}}}}""", "{}");

        JsonNode output = LocalSfn.output(execution);
        String millis = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
        assertTrue(output.get("start").textValue().matches(millis), output.toString());
        assertTrue(output.get("entered").textValue().matches(millis), output.toString());
    }

    /*
     * CreateStateMachine's roleArn is "The Amazon Resource Name (ARN) of the IAM role to use for this state machine"
     * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html): it is the role
     * DescribeStateMachine returns, the context object's $$.Execution.RoleArn and the ExecutionStarted event's.
     */
    @Test
    @DisplayName("AWS CreateStateMachine: the roleArn given is the one DescribeStateMachine, $$.Execution.RoleArn and the history show")
    void roleArnIsHonored() throws Exception {
        String role = "arn:aws:iam::123456789012:role/billrun-BillRunStateMachineRole-1A2B3C";
        try (LocalAws aws = new LocalAws((function, payload) -> payload, LocalSfn.FAST)) {
            String arn = aws.sfn.createStateMachine(b -> b.name("roles").roleArn(role).definition("""
                    {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true,
                      "Parameters": {"role.$": "$$.Execution.RoleArn"}}}}""")).stateMachineArn();
            assertEquals(role, aws.sfn.describeStateMachine(b -> b.stateMachineArn(arn)).roleArn());

            String executionArn = aws.sfn.startExecution(b -> b.stateMachineArn(arn).input("{}")).executionArn();
            aws.engine.awaitCompletion(executionArn, Duration.ofSeconds(20));
            assertEquals("{\"role\":\"" + role + "\"}", aws.sfn.describeExecution(b -> b.executionArn(executionArn)).output());
            var started = aws.sfn.getExecutionHistory(b -> b.executionArn(executionArn)).events().getFirst();
            assertEquals(HistoryEventType.EXECUTION_STARTED, started.type());
            assertEquals(role, started.executionStartedEventDetails().roleArn());
        }
    }

    /*
     * "Step Functions counts a state transition each time a step of your workflow is executed. You are charged for the
     * total number of state transitions across all your state machines, including retries" and "each retry will be
     * charged as an additional state transition" (AWS Step Functions pricing, https://aws.amazon.com/step-functions/pricing/).
     */
    @Test
    @DisplayName("AWS pricing: stateTransitions() counts every state entered and every retry, Map iterations included")
    void stateTransitionsAsBilled() throws Exception {
        assertEquals(0, sfn.engine.stateTransitions());
        sfn.run("""
                {"StartAt": "Start", "States": {
                  "Start": {"Type": "Pass", "Next": "Flaky"},
                  "Flaky": {"Type": "Task", "Resource": "%s", "ResultPath": null, "Next": "Each",
                    "Retry": [{"ErrorEquals": ["Billing.Transient"], "IntervalSeconds": 1, "MaxAttempts": 2}]},
                  "Each": {"Type": "Map", "ItemsPath": "$.ids", "ResultPath": null, "Next": "Done",
                    "ItemProcessor": {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
                                                                 "B": {"Type": "Pass", "End": true}}}},
                  "Done": {"Type": "Succeed"}}}""".formatted(FLAKY), "{\"ids\": [1, 2, 3]}");

        // Start 1 + Flaky 1 + its one retry 1 + Each 1 + 3 iterations x (A, B) 6 + Done 1
        assertEquals(11, sfn.engine.stateTransitions());
    }
}

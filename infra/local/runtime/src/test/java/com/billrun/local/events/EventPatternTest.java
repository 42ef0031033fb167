package com.billrun.local.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.ProjectRoot;
import com.billrun.local.sfn.Json;
import com.billrun.local.template.LocalResolver;
import com.billrun.local.template.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The EventBridge pattern subset of the local bus: exact values in lists, nested fields, arrays in the event; the
 * rest refused at load. One test per rule of the repository's template.yaml, against events in AWS's shape.
 */
class EventPatternTest {

    private static final String BILL_RUN = "arn:aws:states:us-east-1:000000000000:stateMachine:BillRunStateMachine";
    private static final String POST_RUN = "arn:aws:states:us-east-1:000000000000:stateMachine:PostRunStateMachine";

    @Test
    void templateYamlsExecutionEndedRuleTakesFailedTimedOutAndAbortedExecutionsOfBothMachinesOnly() throws Exception {
        SamTemplate template = SamTemplate.load(ProjectRoot.find().orElseThrow().resolve("template.yaml"));
        assertEquals(List.of("ExecutionEndedRule"), template.resourcesOfType("AWS::Events::Rule").stream()
                .map(SamTemplate.Resource::logicalId).toList(), "a new rule gets its own test here");
        LocalResolver resolver = new LocalResolver("us-east-1", "000000000000", Map.of(), Map.of());
        resolver.ref("BillRunStateMachine", BILL_RUN);
        resolver.ref("PostRunStateMachine", POST_RUN);
        EventPattern pattern = EventPattern.of(Json.MAPPER.valueToTree(resolver.resolve(
                template.resources().get("ExecutionEndedRule").properties().get("EventPattern"))));

        for (String status : List.of("FAILED", "TIMED_OUT", "ABORTED")) {
            assertTrue(pattern.matches(event(BILL_RUN, status)), status);
            assertTrue(pattern.matches(event(POST_RUN, status)), status);
        }
        assertFalse(pattern.matches(event(BILL_RUN, "SUCCEEDED")));
        assertFalse(pattern.matches(event(BILL_RUN, "RUNNING")));
        assertFalse(pattern.matches(event("arn:aws:states:us-east-1:000000000000:stateMachine:Other", "FAILED")));
        JsonNode otherSource = event(BILL_RUN, "FAILED");
        ((com.fasterxml.jackson.databind.node.ObjectNode) otherSource).put("source", "billrun.test");
        assertFalse(pattern.matches(otherSource));
    }

    @Test
    void exactValuesNestedFieldsAndArraysInTheEvent() {
        EventPattern pattern = EventPattern.of(Json.parse("""
                {"source": ["a", "b"], "detail": {"n": [1], "flag": [true], "inner": {"k": [null, "x"]}}}"""));

        assertTrue(pattern.matches(Json.parse("""
                {"source": "b", "other": 1, "detail": {"n": 1.0, "flag": true, "inner": {"k": null}}}""")));
        assertTrue(pattern.matches(Json.parse("""
                {"source": ["z", "a"], "detail": {"n": 1, "flag": true, "inner": {"k": "x"}}}""")), "any element of an array");
        assertFalse(pattern.matches(Json.parse("""
                {"source": "c", "detail": {"n": 1, "flag": true, "inner": {"k": "x"}}}""")));
        assertFalse(pattern.matches(Json.parse("""
                {"source": "a", "detail": {"n": 1, "flag": true}}""")), "a field the pattern names must be there");
        assertFalse(pattern.matches(Json.parse("""
                {"source": "a", "detail": {"n": 1, "flag": "true", "inner": {"k": "x"}}}""")), "no type coercion");
        assertFalse(pattern.matches(Json.parse("""
                {"source": "a", "detail": "flat"}""")));
    }

    @Test
    void whatTheSubsetDoesNotRunIsRefusedWhenTheRuleIsRead() {
        assertThrows(IllegalArgumentException.class, () -> EventPattern.of(Json.parse("{\"source\": [{\"prefix\": \"aws.\"}]}")));
        assertThrows(IllegalArgumentException.class, () -> EventPattern.of(Json.parse("{\"source\": \"aws.states\"}")));
        assertThrows(IllegalArgumentException.class, () -> EventPattern.of(Json.parse("{\"source\": []}")));
        assertThrows(IllegalArgumentException.class, () -> EventPattern.of(Json.parse("{}")));
    }

    private static JsonNode event(String stateMachineArn, String status) {
        return Json.parse("""
                {"version": "0", "id": "e1", "detail-type": "Step Functions Execution Status Change", "source": "aws.states",
                 "account": "000000000000", "time": "2026-12-01T02:00:00Z", "region": "us-east-1",
                 "resources": ["%1$s:run-1"],
                 "detail": {"executionArn": "%1$s:run-1", "stateMachineArn": "%1$s", "name": "run-1", "status": "%2$s",
                            "input": "{}", "inputDetails": {"included": true}, "output": null, "outputDetails": null,
                            "error": null, "cause": null}}""".formatted(stateMachineArn, status));
    }
}

package com.billrun.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.ProjectRoot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** events/env.json: every function of template.yaml, only the variables it declares, with the local values. */
class SamLocalEnvTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(ProjectRoot.find().orElseThrow().resolve("template.yaml"));
    private static final List<String> ENDPOINTS = List.of("AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS",
            "AWS_ENDPOINT_URL_SESV2", "AWS_ENDPOINT_URL_SFN");

    private static Map<String, String> localEnv(String function) {
        Map<String, String> env = new HashMap<>();
        ENDPOINTS.forEach(name -> env.put(name, "http://127.0.0.1:4566"));
        env.put("TABLE_NAME", "BillrunTable");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("BILL_RUN_STATE_MACHINE_ARN", "arn:aws:states:us-east-1:000000000000:stateMachine:BillRunStateMachine");
        return env;
    }

    @Test
    void everyFunctionGetsTheStandInsEndpointsAndOnlyVariablesTheTemplateDeclares() {
        Map<String, Map<String, String>> env = SamLocalEnv.of(TEMPLATE, SamLocalEnvTest::localEnv);
        assertEquals(TEMPLATE.resourcesOfType("AWS::Serverless::Function").size(), env.size(), env.keySet().toString());
        assertTrue(env.size() >= 10, "every function of the template, the reconciler included: " + env.keySet());
        env.forEach((function, variables) -> {
            ENDPOINTS.forEach(name -> assertEquals("http://127.0.0.1:4566", variables.get(name), function + " " + name));
            assertEquals("BillrunTable", variables.get("TABLE_NAME"));
            assertFalse(variables.containsKey("AWS_ACCESS_KEY_ID"), "not declared: SAM would ignore it");
        });
        assertTrue(env.get("StartBillRunFunction").containsKey("BILL_RUN_STATE_MACHINE_ARN"));
        assertFalse(env.get("NotifyFunction").containsKey("BILL_RUN_STATE_MACHINE_ARN"), "declared for other functions only");
    }

    @Test
    void onAwsTheEndpointVariablesDoNotExist() {
        LocalResolver resolver = new LocalResolver("us-east-1", "000000000000", TEMPLATE.parameterDefaults(), TEMPLATE.conditions());
        Map<String, Object> globals = SamTemplate.map(SamTemplate.map(TEMPLATE.functionGlobals().get("Environment")).get("Variables"));
        for (String name : ENDPOINTS) {
            assertTrue(globals.containsKey(name), name + " declared for sam local invoke");
        }
        assertEquals(Set.of(), Set.copyOf(ENDPOINTS.stream().filter(name -> resolver.string(globals.get(name)) != null).toList()),
                "with SamLocalEndpoints at its default (false) they resolve to AWS::NoValue");
    }
}

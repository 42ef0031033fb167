package com.billrun.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.LocalRuntime;
import com.billrun.local.SharedStack;
import com.billrun.local.handlers.ClaimsEchoHandler;
import com.billrun.local.handlers.EventRecorder;
import com.billrun.local.handlers.FlakyInvoiceWorker;
import com.billrun.local.http.DevTokens;
import com.billrun.local.http.JwtAuthorizer;
import com.billrun.local.sfn.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A template's resources become local ones, with the environment each function gets on AWS, resolved locally. */
class TemplateWiringTest {

    private static LocalRuntime runtime;
    private static TemplateWiring.Result result;

    @BeforeAll
    static void wire() throws Exception {
        runtime = new LocalRuntime(SharedStack.get());
        var template = SamTemplate.load(Path.of(TemplateWiringTest.class.getResource("/wiring-template.yaml").toURI()));
        result = TemplateWiring.apply(runtime, template, Map.of("Issuer", DevTokens.ISSUER));
    }

    @AfterAll
    static void unwire() {
        runtime.close();
    }

    @Test
    void functionsWithAUsableHandlerRunAndTheOthersAreListedAsSkippedWithTheReason() {
        // OnlyWithoutIssuerFunction's condition does not hold (an Issuer is given): it does not exist, as on AWS
        assertEquals(List.of("EchoFunction", "WorkerFunction", "EventTargetFunction"), result.functions());
        assertEquals(List.of("NotYetWrittenFunction", "BrokenFunction"), List.copyOf(result.skippedFunctions().keySet()));
        assertTrue(result.skippedFunctions().get("NotYetWrittenFunction").contains("not on the classpath"));
        assertTrue(result.skippedFunctions().get("BrokenFunction").contains("Map<String,String>"),
                "a handler without the env constructor is reported, and does not stop the others");
        assertEquals(20_000, runtime.runner().spec("WorkerFunction").timeout().toMillis(), "Globals.Timeout");
        assertEquals(29_000, runtime.runner().spec("EchoFunction").timeout().toMillis(), "the function's own Timeout");
        assertEquals(1024, runtime.runner().spec("EchoFunction").memoryMb());
    }

    @Test
    void eachFunctionGetsGlobalsAndItsOwnVariablesResolvedToLocalValues() {
        Map<String, String> env = runtime.runner().spec("EchoFunction").env();
        String queueUrl = result.queues().get("WiringQueue").url();

        assertEquals("WiringTable", env.get("TABLE_NAME"));
        assertEquals(queueUrl, env.get("QUEUE_URL"));
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:WorkerFunction:live", env.get("WORKER_ARN"));
        assertEquals("none", env.get("TOPIC"), "!If on a condition that is false");
        assertEquals("us-east-1/WiringTable/WiringQueue", env.get("LABEL"));
        assertEquals("7", runtime.runner().spec("WorkerFunction").env().get("BATCH_SIZE"), "a parameter's Default");
        assertTrue(env.get("AWS_ENDPOINT_URL_DYNAMODB").startsWith("http://127.0.0.1:"));
        assertFalse(env.containsKey("JAVA_TOOL_OPTIONS"));
        assertEquals("local", env.get("SCHEDULER_MODE"), "the local scheduler, not EventBridge, fires schedules here");
    }

    @Test
    void theTableHasItsIndexesAndTheQueueRedrivesToItsDlq() {
        var table = runtime.dynamoDb().describeTable(b -> b.tableName("WiringTable")).table();
        assertEquals("GSI1", table.globalSecondaryIndexes().getFirst().indexName());

        String redrive = runtime.sqs().getQueueAttributes(b -> b.queueUrl(result.queues().get("WiringQueue").url())
                .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY);
        assertTrue(redrive.contains(result.queues().get("WiringDlq").arn()), redrive);
    }

    @Test
    void theSqsEventSourceMappingDeliversToTheFunction() throws Exception {
        runtime.sqs().sendMessage(b -> b.queueUrl(result.queues().get("WiringQueue").url()).messageBody("account-42"));

        Instant deadline = Instant.now().plusSeconds(30);
        while (FlakyInvoiceWorker.deliveries("wiring-worker").stream().noneMatch(d -> d.body().equals("account-42"))) {
            assertTrue(Instant.now().isBefore(deadline), "the worker never got the message");
            Thread.sleep(50);
        }
    }

    @Test
    void httpApiEventsBecomeRoutesBehindTheDefaultAuthorizerUnlessAuthIsNone() throws Exception {
        DevTokens tokens = DevTokens.ephemeral();
        var api = runtime.startHttpApi(JwtAuthorizer.forDevTokens(tokens), 0);
        HttpClient http = HttpClient.newHttpClient();
        int before = ClaimsEchoHandler.calls("wiring-echo").get();

        var anonymous = http.send(HttpRequest.newBuilder(api.url().resolve("/accounts")).build(), HttpResponse.BodyHandlers.ofString());
        var health = http.send(HttpRequest.newBuilder(api.url().resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
        var withToken = http.send(HttpRequest.newBuilder(api.url().resolve("/accounts/A-1"))
                .header("Authorization", "Bearer " + tokens.issue("acme", "ana@acme.example", List.of("billing/read")))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(401, anonymous.statusCode());
        assertEquals(200, health.statusCode());
        JsonNode echo = Json.MAPPER.readTree(withToken.body());
        assertEquals("ANY /{proxy+}", echo.get("routeKey").asText());
        assertEquals("acme", echo.get("claims").get("tenant").asText());
        assertEquals(before + 2, ClaimsEchoHandler.calls("wiring-echo").get());
    }

    @Test
    void stateMachinesGetTheirDefinitionSubstitutionsResolvedForTheLocalEngine() {
        TemplateWiring.StateMachine machine = result.stateMachines().getFirst();

        assertEquals("arn:aws:states:us-east-1:000000000000:stateMachine:WiringMachine", machine.arn());
        assertEquals("infra/statemachine/wiring.asl.json", machine.definitionUri());
        assertEquals(Map.of("WorkerArn", "arn:aws:lambda:us-east-1:000000000000:function:WorkerFunction:live",
                "QueueUrl", result.queues().get("WiringQueue").url()), machine.substitutions());
    }

    @Test
    void eventRulesWithAFunctionTargetAreWiredToTheDefaultBusAndInvokeItAsynchronously() throws Exception {
        assertEquals(1, result.rules().size(), "the DISABLED rule is left out");
        var rule = result.rules().getFirst();
        assertEquals("WiringExecutionEnded", rule.name());
        assertEquals(List.of("EventTargetFunction"), rule.targetFunctions(), "the queue target has no local stand-in");
        String machine = result.stateMachines().getFirst().arn();

        var aborted = Json.parse("""
                {"source":"aws.states","detail-type":"Step Functions Execution Status Change",
                 "detail":{"status":"ABORTED","stateMachineArn":"%s","name":"run-1"}}""".formatted(machine));
        var succeeded = Json.parse("""
                {"source":"aws.states","detail-type":"Step Functions Execution Status Change",
                 "detail":{"status":"SUCCEEDED","stateMachineArn":"%s","name":"run-2"}}""".formatted(machine));
        assertEquals(List.of(rule), runtime.events().publish(aborted));
        assertEquals(List.of(), runtime.events().publish(succeeded));

        Instant deadline = Instant.now().plusSeconds(30);
        while (EventRecorder.events("wiring-events").isEmpty()) {
            assertTrue(Instant.now().isBefore(deadline), "the target never got the event");
            Thread.sleep(20);
        }
        Thread.sleep(200);
        assertEquals(1, EventRecorder.events("wiring-events").size());
        assertEquals("run-1", Json.parse(EventRecorder.events("wiring-events").getFirst()).at("/detail/name").asText());
    }
}

package com.billrun.functions.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.billrun.functions.ApiContract;
import com.billrun.functions.ApiContract.Intent;
import com.billrun.functions.LocalBillrun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The API suites' view of the whole local system: {@link LocalBillrun} (started once per test JVM, the way
 * {@code ./billrun serve} wires it: template.yaml's table on DynamoDB Local, the real ApiHandler behind the local
 * HTTP API and its JWT authorizer, both state machines on the local Step Functions) seen only over HTTP, plus
 * what the suites need to prove "nothing changed": every item of a tenant, read straight from the table.
 */
final class ApiFixture {

    static final String READ = "billing/read";
    static final String WRITE = "billing/write";
    static final String POST = "billing/post";
    static final String EMAIL = "finance@acme.example";
    static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiFixture() {
    }

    static LocalBillrun local() {
        return LocalBillrun.get();
    }

    /** A tenant id no other test uses. */
    static String tenant(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String token(String tenant, String... scopes) {
        return local().token(tenant, EMAIL, scopes);
    }

    static String allScopes(String tenant) {
        return token(tenant, READ, WRITE, POST);
    }

    /** One HTTP answer of the local API. */
    record Answer(String method, String path, int status, HttpHeaders headers, byte[] bytes) {

        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        String contentType() {
            return headers.firstValue("content-type").orElse("");
        }

        JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError(method + " " + path + " answered " + status + " with a body that is not JSON: " + body(), e);
            }
        }

        /** The handler has no such route yet (its own problem type, not a 404 of a resource). */
        boolean noRoute() {
            return status == 404 && body().contains("/problems/no-route");
        }

        @Override
        public String toString() {
            String text = body();
            return method + " " + path + " -> " + status + " " + contentType() + " "
                    + (text.length() > 400 ? text.substring(0, 400) + "..." : text);
        }
    }

    /** A JSON request a client following infra/openapi.yaml may send: it and its answer are validated against the spec. */
    static Answer call(String method, String path, String token, String jsonBody) {
        return call(Intent.VALID, method, path, token, jsonBody);
    }

    /** A JSON request sent off the spec on purpose, to be refused: only its answer is validated against the spec. */
    static Answer offSpec(String method, String path, String token, String jsonBody) {
        return call(Intent.OFF_SPEC, method, path, token, jsonBody);
    }

    static Answer call(Intent intent, String method, String path, String token, String jsonBody) {
        return send(intent, method, path, token, jsonBody == null ? null : "application/json",
                jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /**
     * Any request: a raw path (already encoded), any content type, any bytes, extra headers. The exchange is validated
     * against infra/openapi.yaml as {@code intent} says (ApiContract): a test that sends a request off the spec on
     * purpose says OFF_SPEC, and then only the answer is validated.
     */
    static Answer send(Intent intent, String method, String path, String token, String contentType, byte[] body,
                       Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(local().apiUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpRequest sent = request.build();
            HttpResponse<byte[]> response = HTTP.send(sent, HttpResponse.BodyHandlers.ofByteArray());
            Answer answer = new Answer(method, path, response.statusCode(), response.headers(), response.body());
            ApiContract.check(intent, method, path, sent.headers().map(), body, answer.status(), answer.headers().map(), answer.bytes());
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asserts a 2xx of the expected status and returns its JSON. */
    static JsonNode ok(int expectedStatus, Answer answer) {
        assertEquals(expectedStatus, answer.status(), answer::toString);
        return answer.json();
    }

    /** An RFC 9457 answer of the handler: the status, problem+json, and a body whose status agrees. */
    static JsonNode assertProblem(int status, Answer answer) {
        assertEquals(status, answer.status(), answer::toString);
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer::toString);
        JsonNode problem = answer.json();
        assertEquals(status, problem.path("status").asInt(), answer::toString);
        assertTrue(problem.path("title").isTextual() && problem.path("type").isTextual(), answer::toString);
        return problem;
    }

    // ------------------------------------------------------------------ seeding over HTTP

    static JsonNode createAccount(String token, String id, String currency, int billCycleDay) {
        return ok(201, call("POST", "/accounts", token, """
                {"id":"%s","name":"Customer %s","billToEmail":"%s@customer.example","currency":"%s","billCycleDay":%d,
                 "batch":"Batch1","taxRate":"10","paymentTermDays":30}""".formatted(id, id, id.toLowerCase(), currency, billCycleDay)));
    }

    /** A flat monthly fee in advance from {@code startDate}, charge id {@code plan}. */
    static JsonNode createMonthly(String token, String accountId, String subscriptionId, String startDate, String price) {
        return ok(201, call("POST", "/accounts/" + accountId + "/subscriptions", token, """
                {"id":"%s","startDate":"%s","charges":[{"id":"plan","name":"Monthly plan","type":"RECURRING","model":"FLAT_FEE",
                 "price":"%s","billingPeriod":"MONTH","billingTiming":"IN_ADVANCE"}]}""".formatted(subscriptionId, startDate, price)));
    }

    /** Starts a run over HTTP and polls GET /bill-runs/{id} until it leaves PENDING/PROCESSING (or POST_IN_PROGRESS). */
    static JsonNode runToEnd(String token, String body) {
        JsonNode accepted = ok(202, call("POST", "/bill-runs", token, body));
        return settled(token, accepted.get("id").asText());
    }

    /**
     * The run once its state machine has ended, notification to the initiator included (the status reads COMPLETED
     * a moment before the notify step records its email): from then on nothing writes to the tenant by itself.
     */
    static JsonNode settled(String token, String runId) {
        awaitRun(token, runId, Set.of("COMPLETED", "ERROR", "CANCELED", "POSTED"));
        awaitExecution(runId);
        return ok(200, call("GET", "/bill-runs/" + runId, token, null));
    }

    /** Waits for the bill-run state machine of the run to end, without reading the run over HTTP. */
    static void awaitExecution(String runId) {
        try {
            local().awaitExecution("BillRunStateMachine", runId, Duration.ofSeconds(60));
        } catch (Exception e) {
            throw new AssertionError("the state machine of run " + runId + " did not end", e);
        }
    }

    static JsonNode awaitRun(String token, String runId, Set<String> statuses) {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonNode run;
        do {
            run = ok(200, call("GET", "/bill-runs/" + runId, token, null));
            if (statuses.contains(run.path("status").asText())) {
                return run;
            }
            sleep(50);
        } while (Instant.now().isBefore(deadline));
        return fail("run " + runId + " never reached " + statuses + ": " + run);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ what is stored

    /**
     * Every item of the tenant (keys {@code T#{tenant}} and {@code T#{tenant}#...}, DATA-MODEL.md), by PK and SK, as
     * text: a raw Scan, in tests only (the product never scans).
     */
    static Map<String, String> snapshot(String tenant) {
        String table = local().wired().tables().get("BillrunTable");
        Map<String, String> items = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = local().runtime().dynamoDb().scan(ScanRequest.builder().tableName(table)
                    .filterExpression("#pk = :t OR begins_with(#pk, :p)")
                    .expressionAttributeNames(Map.of("#pk", "PK"))
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("T#" + tenant),
                            ":p", AttributeValue.fromS("T#" + tenant + "#")))
                    .consistentRead(true)
                    .exclusiveStartKey(start).build());
            page.items().forEach(item -> items.put(item.get("PK").s() + " | " + item.get("SK").s(), new TreeMap<>(item).toString()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    static int itemCount(String tenant) {
        return snapshot(tenant).size();
    }
}

package com.billrun.functions.api;

import static com.billrun.functions.api.ApiFixture.POST;
import static com.billrun.functions.api.ApiFixture.READ;
import static com.billrun.functions.api.ApiFixture.WRITE;
import static com.billrun.functions.api.ApiFixture.allScopes;
import static com.billrun.functions.api.ApiFixture.call;
import static com.billrun.functions.api.ApiFixture.ok;
import static com.billrun.functions.api.ApiFixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.functions.ApiContract.Intent;
import com.billrun.functions.api.ApiFixture.Answer;
import com.billrun.local.lambda.Invocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The hardening table: requests a finance API must refuse although they are well-formed JSON (or nearly), each sent
 * over HTTP to the local stack, answered with a 4xx {@code application/problem+json} naming the field, and the
 * tenant's items read straight from DynamoDB unchanged. The scopes of {@code autoPost}, the claims of the token,
 * UTF-8, values taken as sent (never trimmed), email addresses, invisible characters in printed names, and what
 * infra/openapi.yaml says is refused (unique and non-empty selections, at most 100 batches, 415 without a
 * Content-Type on every route with a body).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiHardeningTest {

    private static final String ACCOUNT = "\"name\":\"Acme\",\"billToEmail\":\"ap@acme.example\",\"currency\":\"USD\",\"billCycleDay\":1";
    private static final String CHARGE = "\"name\":\"Plan\",\"type\":\"RECURRING\",\"model\":\"FLAT_FEE\",\"price\":\"10.00\","
            + "\"billingPeriod\":\"MONTH\",\"billingTiming\":\"IN_ADVANCE\"";
    private static final String SCHEDULE = "\"expression\":\"cron(0 2 1 * ? *)\",\"timeZone\":\"Europe/Paris\"";

    private final String tenant = ApiFixture.tenant("hard");
    private final String token = allScopes(tenant);
    private final String noPost = ApiFixture.token(tenant, READ, WRITE);

    /** A request and the refusal it must get; {@code token} picks the caller (this tenant's, all scopes, by default). */
    record Row(String name, String method, String path, String contentType, byte[] body, Set<Integer> statuses, String field,
               Function<ApiHardeningTest, String> token) {

        @Override
        public String toString() {
            return name;
        }

        Row as(Function<ApiHardeningTest, String> caller) {
            return new Row(name, method, path, contentType, body, statuses, field, caller);
        }

        Row contentType(String type) {
            return new Row(name, method, path, type, body, statuses, field, token);
        }
    }

    @BeforeAll
    void aTenantWithAnAccountAndASubscription() {
        ApiFixture.createAccount(token, "A1", "USD", 1);
        ApiFixture.createMonthly(token, "A1", "S1", "2026-12-01", "10.00");
    }

    static Stream<Row> refused() {
        return Stream.of(
                // ---- autoPost is a post: it needs billing/post (403 naming the field)
                post("autoPost without billing/post", "/bill-runs", "{\"targetDate\":\"2026-12-01\",\"autoPost\":true}", "autoPost", 403)
                        .as(test -> test.noPost),
                post("schedule autoPost without billing/post", "/schedules", "{" + SCHEDULE + ",\"run\":{\"autoPost\":true}}",
                        "run.autoPost", 403).as(test -> test.noPost),

                // ---- bodies must be UTF-8: bytes that are not, lone surrogates, replacement characters
                new Row("invalid UTF-8 bytes in a name", "POST", "/accounts", "application/json",
                        concat("{\"name\":\"Ac", new byte[] {(byte) 0xFF, (byte) 0xFE}, "me\"," + ACCOUNT.substring(ACCOUNT.indexOf("\"billTo")) + "}"),
                        Set.of(400), null, test -> test.token),
                new Row("a truncated UTF-8 sequence", "POST", "/bill-runs", "application/json; charset=utf-8",
                        concat("{\"targetDate\":\"2026-12-01\",\"accountIds\":[\"A", new byte[] {(byte) 0xC3}, "\"]}"),
                        Set.of(400), null, test -> test.token),
                post("a lone high surrogate escape in a name", "/accounts", account("\"name\":\"Acme \\ud800\""), "name", 400),
                post("a lone low surrogate escape in a charge name", "/accounts/A1/subscriptions",
                        charge("\"name\":\"\\udc00Plan\""), "charges[0].name", 400),
                post("a replacement character in a name", "/accounts", account("\"name\":\"Ac\uFFFDme\""), "name", 400),

                // ---- ids and dates are taken as sent or refused, never trimmed
                post("account id with a leading space", "/accounts", account("\"id\":\" A9\""), "id", 400, 422),
                post("account id with a trailing tab", "/accounts", account("\"id\":\"A9\\t\""), "id", 400, 422),
                post("run targetDate with a leading space", "/bill-runs", "{\"targetDate\":\" 2026-12-01\"}", "targetDate", 400, 422),
                post("run invoiceDate with a trailing space", "/bill-runs", "{\"targetDate\":\"2026-12-01\",\"invoiceDate\":\"2026-12-01 \"}",
                        "invoiceDate", 400, 422),
                post("run account id with a trailing space", "/bill-runs", "{\"targetDate\":\"2026-12-01\",\"accountIds\":[\"A1 \"]}",
                        "accountIds[0]", 400, 422),
                post("subscription startDate with a space", "/accounts/A1/subscriptions",
                        "{\"startDate\":\"2026-12-01 \",\"charges\":[{" + CHARGE + "}]}", "startDate", 400, 422),
                post("usage subscription id with a space", "/accounts/A1/usage",
                        "{\"subscriptionId\":\" S1\",\"chargeId\":\"plan\",\"quantity\":\"1\",\"date\":\"2026-12-02\"}", "subscriptionId", 400, 422),
                post("payment date with a space", "/accounts/A1/payments", "{\"amount\":\"1.00\",\"date\":\" 2026-12-02\"}", "date", 400, 422),
                post("cancel date with a space", "/subscriptions/S1/cancel", "{\"effectiveDate\":\"2027-01-01 \"}", "effectiveDate", 400, 422),
                post("a name with a leading space", "/accounts", account("\"name\":\" Acme\""), "name", 400, 422),
                post("currency with a trailing space", "/accounts", account("\"currency\":\"USD \""), "currency", 400, 422),
                post("schedule time zone with a space", "/schedules", "{\"expression\":\"cron(0 2 1 * ? *)\",\"timeZone\":\" UTC\"}",
                        "timeZone", 400, 422),

                // ---- emails are addresses: one, plain, no list or display name
                post("email x@evil.example>,<y", "/accounts", account("\"billToEmail\":\"x@evil.example>,<y\""), "billToEmail", 400, 422),
                post("email with a display name", "/accounts", account("\"billToEmail\":\"Ana <ana@acme.example>\""), "billToEmail", 400, 422),
                post("email list", "/accounts", account("\"billToEmail\":\"a@acme.example,b@acme.example\""), "billToEmail", 400, 422),
                post("email with a space", "/accounts", account("\"billToEmail\":\"a b@acme.example\""), "billToEmail", 400, 422),
                post("email with two @", "/accounts", account("\"billToEmail\":\"a@b@acme.example\""), "billToEmail", 400, 422),
                post("email without a dot in the domain", "/accounts", account("\"billToEmail\":\"ap@localhost\""), "billToEmail", 400, 422),
                post("email with a quoted local part", "/accounts", account("\"billToEmail\":\"\\\"a\\\"@acme.example\""), "billToEmail", 400, 422),
                post("email with CRLF and a Bcc header", "/accounts", account("\"billToEmail\":\"a@acme.example\\r\\nBcc: z@evil.example\""),
                        "billToEmail", 400, 422),
                post("email with a local part of 65", "/accounts", account("\"billToEmail\":\"" + "a".repeat(65) + "@acme.example\""),
                        "billToEmail", 400, 422),

                // ---- names printed on invoices and emails: no bidi or format controls (Cf), no line separators
                post("name with RIGHT-TO-LEFT OVERRIDE", "/accounts", account("\"name\":\"Acme\\u202Efdp.exe\""), "name", 400),
                post("name with LEFT-TO-RIGHT EMBEDDING", "/accounts", account("\"name\":\"\\u202AAcme\""), "name", 400),
                post("name with FIRST STRONG ISOLATE", "/accounts", account("\"name\":\"Acme\\u2068 Ltd\""), "name", 400),
                post("name with RIGHT-TO-LEFT MARK", "/accounts", account("\"name\":\"Acme\\u200F\""), "name", 400),
                post("name with ZERO WIDTH SPACE", "/accounts", account("\"name\":\"Ac\\u200Bme\""), "name", 400),
                post("name with a BOM", "/accounts", account("\"name\":\"\\uFEFFAcme\""), "name", 400),
                post("name with LINE SEPARATOR", "/accounts", account("\"name\":\"Acme\\u2028Ltd\""), "name", 400),
                post("name with a C1 control", "/accounts", account("\"name\":\"Acme\\u0085\""), "name", 400),
                post("charge name with a bidi override", "/accounts/A1/subscriptions", charge("\"name\":\"Plan\\u202E\""), "charges[0].name", 400),
                post("schedule name with a bidi isolate", "/schedules", "{\"name\":\"Monthly\\u2066\"," + SCHEDULE + "}", "name", 400),

                // ---- what infra/openapi.yaml says is refused
                post("duplicate accountIds", "/bill-runs", "{\"targetDate\":\"2026-12-01\",\"accountIds\":[\"A1\",\"A2\",\"A1\"]}",
                        "accountIds[2]", 422),
                post("duplicate batches", "/bill-runs", "{\"targetDate\":\"2026-12-01\",\"batches\":[\"B1\",\"B1\"]}", "batches[1]", 422),
                post("101 batches", "/bill-runs", "{\"targetDate\":\"2026-12-01\",\"batches\":["
                        + IntStream.range(0, 101).mapToObj(i -> "\"B" + i + "\"").collect(Collectors.joining(",")) + "]}", "batches", 422),
                post("empty accountIds", "/bill-runs", "{\"targetDate\":\"2026-12-01\",\"accountIds\":[]}", "accountIds", 422),
                post("empty batches", "/bill-runs", "{\"targetDate\":\"2026-12-01\",\"batches\":[]}", "batches", 422),
                post("duplicate chargeTypesToExclude", "/bill-runs", "{\"targetDate\":\"2026-12-01\",\"chargeTypesToExclude\":[\"USAGE\",\"USAGE\"]}",
                        "chargeTypesToExclude[1]", 422),
                post("schedule with duplicate accountIds", "/schedules", "{" + SCHEDULE + ",\"run\":{\"accountIds\":[\"A1\",\"A1\"]}}",
                        "run.accountIds[1]", 422),
                post("schedule with 101 batches", "/schedules", "{" + SCHEDULE + ",\"run\":{\"batches\":["
                        + IntStream.range(0, 101).mapToObj(i -> "\"B" + i + "\"").collect(Collectors.joining(",")) + "]}}", "run.batches", 422),
                post("preview with duplicate chargeTypesToExclude", "/accounts/A1/invoice-preview",
                        "{\"targetDate\":\"2026-12-01\",\"chargeTypesToExclude\":[\"ONE_TIME\",\"ONE_TIME\"]}", "chargeTypesToExclude[1]", 422),
                noContentType("POST", "/accounts", "{\"id\":\"A9\"," + ACCOUNT + "}"),
                noContentType("POST", "/accounts/A1/subscriptions", "{\"startDate\":\"2026-12-01\",\"charges\":[{" + CHARGE + "}]}"),
                noContentType("POST", "/subscriptions/S1/cancel", "{\"effectiveDate\":\"2027-01-01\"}"),
                noContentType("POST", "/accounts/A1/usage", "{\"subscriptionId\":\"S1\",\"chargeId\":\"plan\",\"quantity\":\"1\",\"date\":\"2026-12-02\"}"),
                noContentType("POST", "/accounts/A1/invoice-preview", "{\"targetDate\":\"2026-12-01\"}"),
                noContentType("POST", "/accounts/A1/payments", "{\"amount\":\"1.00\",\"date\":\"2026-12-02\"}"),
                noContentType("POST", "/bill-runs", "{\"targetDate\":\"2026-12-01\"}"),
                noContentType("POST", "/schedules", "{" + SCHEDULE + "}"),
                noContentType("PUT", "/settings", "{\"prorationMethod\":\"THIRTY_DAY_MONTH\",\"roundingMode\":\"HALF_EVEN\"}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refused")
    void isRefusedNamingTheFieldAndWritesNothing(Row row) {
        Map<String, String> before = snapshot(tenant);
        Answer answer = ApiFixture.send(Intent.OFF_SPEC, row.method(), row.path(), row.token().apply(this), row.contentType(),
                row.body(), Map.of());
        if (answer.status() == 202 && row.path().equals("/bill-runs")) {
            ApiFixture.awaitExecution(answer.json().get("id").asText()); // a run that should have been refused: let it end first
        }
        assertTrue(row.statuses().contains(answer.status()), "expected " + row.statuses() + ": " + answer);
        JsonNode problem = ApiFixture.assertProblem(answer.status(), answer);
        assertEquals(row.field(), problem.path("field").asText(null), answer::toString);
        assertFalse(problem.path("detail").asText("").isBlank(), answer::toString);
        assertEquals(before, snapshot(tenant), "nothing written: " + answer);
    }

    // ------------------------------------------------------------------ the token's claims

    static Stream<Row> badClaims() {
        String body = "{\"id\":\"A9\"," + ACCOUNT + "}";
        return Stream.of(
                claims("a tenant claim of 10 KB", test -> test.prefix + "a".repeat(10 * 1024), ApiFixture.EMAIL, List.of(READ, WRITE)),
                claims("a tenant claim of 65 characters", test -> test.prefix + "a".repeat(65 - test.prefix.length()), ApiFixture.EMAIL,
                        List.of(READ, WRITE)),
                claims("a tenant claim with a space", test -> test.prefix + " x", ApiFixture.EMAIL, List.of(READ, WRITE)),
                claims("a tenant claim with a slash", test -> test.prefix + "/x", ApiFixture.EMAIL, List.of(READ, WRITE)),
                claims("a tenant claim with a bidi override", test -> test.prefix + "\u202Ex", ApiFixture.EMAIL, List.of(READ, WRITE)),
                claims("an email claim x@evil.example>,<y", test -> test.prefix + "e1", "x@evil.example>,<y", List.of(READ, WRITE)),
                claims("an email claim with CRLF", test -> test.prefix + "e2", "a@acme.example\r\nBcc: z@evil.example", List.of(READ, WRITE)),
                claims("an email claim of 300 characters", test -> test.prefix + "e3", "a".repeat(50) + "@" + "b".repeat(245) + ".example",
                        List.of(READ, WRITE)),
                claims("a scope claim of 2000 characters", test -> test.prefix + "s1", ApiFixture.EMAIL,
                        List.of(READ, WRITE, "x".repeat(2000))))
                .map(row -> new Row(row.name(), "POST", "/accounts", "application/json", body.getBytes(StandardCharsets.UTF_8),
                        Set.of(401), null, row.token()));
    }

    private final String prefix = ApiFixture.tenant("claim") + "-";

    /** A token the authorizer accepts whose claims the function must refuse: 401 problem+json, never a 500, nothing written. */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badClaims")
    void aTokenWithABadClaimIs401AndWritesNothing(Row row) {
        Answer answer = ApiFixture.send(Intent.OFF_SPEC, row.method(), row.path(), row.token().apply(this), row.contentType(),
                row.body(), Map.of());
        ApiFixture.assertProblem(401, answer);
        assertEquals(Map.of(), itemsStartingWith("T#" + prefix), "nothing written under any tenant the claim could name: " + answer);
        // and the same token cannot read either
        ApiFixture.assertProblem(401, ApiFixture.send(Intent.OFF_SPEC, "GET", "/accounts", row.token().apply(this), null, null, Map.of()));
    }

    @Test
    void theScheduleOwnerComesFromAValidatedEmailClaim() {
        String badOwner = ApiFixture.local().token(tenant, "ana@acme.example>,<y@evil.example", READ, WRITE, POST);
        Map<String, String> before = snapshot(tenant);
        ApiFixture.assertProblem(401, ApiFixture.offSpec("POST", "/schedules", badOwner, "{" + SCHEDULE + "}"));
        assertEquals(before, snapshot(tenant), "no schedule stored");
    }

    // ------------------------------------------------------------------ a base64 body that is not UTF-8, through the function

    /** API Gateway sends a body it does not take for text base64-encoded: decoded strictly, never with U+FFFD. */
    @Test
    void aBase64BodyThatIsNotUtf8Is400FromTheFunctionAndWritesNothing() throws Exception {
        Map<String, String> before = snapshot(tenant);
        byte[] body = concat("{\"id\":\"A8\",\"name\":\"Ac", new byte[] {(byte) 0xC0, (byte) 0xAF}, "me\"," + ACCOUNT.substring(ACCOUNT.indexOf("\"billTo")) + "}");
        ObjectNode event = (ObjectNode) ApiFixture.JSON.readTree(sampleEvent());
        event.put("body", Base64.getEncoder().encodeToString(body)).put("isBase64Encoded", true);
        Invocation invocation = ApiFixture.local().invokeFunction("ApiFunction", event.toString());
        assertFalse(invocation.failed(), "the function answers, it does not fail");
        JsonNode answer = ApiFixture.JSON.readTree(invocation.payload());
        assertEquals(400, answer.path("statusCode").asInt(), answer::toString);
        JsonNode problem = ApiFixture.JSON.readTree(answer.path("body").asText());
        assertEquals("the body is not valid UTF-8", problem.path("detail").asText(), answer::toString);
        assertEquals(before, snapshot(tenant), "nothing written");
        // the same bytes, valid: stored as sent (the event is right, only the bytes were refused)
        event.put("body", Base64.getEncoder().encodeToString(concat("{\"id\":\"A8\",\"name\":\"Ac\u00e9me\","
                + ACCOUNT.substring(ACCOUNT.indexOf("\"billTo")) + "}", new byte[0], "")));
        JsonNode created = ApiFixture.JSON.readTree(ApiFixture.local().invokeFunction("ApiFunction", event.toString()).payload());
        assertEquals(201, created.path("statusCode").asInt(), created::toString);
        assertEquals("Ac\u00e9me", ApiFixture.JSON.readTree(created.path("body").asText()).path("name").asText());
    }

    private String sampleEvent() {
        return """
                {"version":"2.0","routeKey":"ANY /{proxy+}","rawPath":"/accounts","rawQueryString":"",
                 "headers":{"content-type":"application/json"},
                 "requestContext":{"requestId":"hardening-1","routeKey":"ANY /{proxy+}","stage":"$default",
                   "authorizer":{"jwt":{"claims":{"tenant":"%s","email":"finance@acme.example","scope":"billing/read billing/write"}}},
                   "http":{"method":"POST","path":"/accounts","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"test"}}}"""
                .formatted(tenant);
    }

    // ------------------------------------------------------------------ valid input is taken exactly as sent

    @Test
    void validTextsAreStoredExactlyAsSent() {
        JsonNode account = ok(201, call("POST", "/accounts", token, """
                {"id":"A7","name":"Société Générale — 東京 (Nord)","billToEmail":"o'brien+billing@sub.acme-corp.example",
                 "currency":"EUR","billCycleDay":1}"""));
        assertEquals("Société Générale — 東京 (Nord)", account.path("name").asText());
        assertEquals("o'brien+billing@sub.acme-corp.example", account.path("billToEmail").asText());
        JsonNode schedule = ok(201, call("POST", "/schedules", token, "{" + SCHEDULE + ",\"run\":{\"autoPost\":true}}"));
        assertTrue(schedule.path("run").path("autoPost").asBoolean(), "with billing/post, a schedule may post its runs");
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, String> itemsStartingWith(String pkPrefix) {
        String table = ApiFixture.local().wired().tables().get("BillrunTable");
        Map<String, String> items = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = ApiFixture.local().runtime().dynamoDb().scan(ScanRequest.builder().tableName(table)
                    .filterExpression("begins_with(#pk, :p)").expressionAttributeNames(Map.of("#pk", "PK"))
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pkPrefix))).consistentRead(true)
                    .exclusiveStartKey(start).build());
            page.items().forEach(item -> items.put(item.get("PK").s() + " | " + item.get("SK").s(), item.toString()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static Row post(String name, String path, String body, String field, Integer... statuses) {
        return new Row(name, "POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8), Set.of(statuses), field,
                test -> test.token);
    }

    private static Row noContentType(String method, String path, String body) {
        return new Row(method + " " + path + " without Content-Type", method, path, null, body.getBytes(StandardCharsets.UTF_8),
                Set.of(415), "Content-Type", test -> test.token);
    }

    private static Row claims(String name, Function<ApiHardeningTest, String> tenant, String email, List<String> scopes) {
        return new Row(name, "POST", "/accounts", "application/json", null, Set.of(401), null,
                test -> ApiFixture.local().devTokens().issue(tenant.apply(test), email, scopes));
    }

    private static String account(String field) {
        String name = field.substring(0, field.indexOf(':'));
        String valid = Stream.of(ACCOUNT.split(",")).filter(pair -> !pair.startsWith(name + ":")).collect(Collectors.joining(","));
        return "{" + valid + "," + field + "}";
    }

    private static String charge(String field) {
        String name = field.substring(0, field.indexOf(':'));
        String valid = Stream.of(CHARGE.split(",")).filter(pair -> !pair.startsWith(name + ":")).collect(Collectors.joining(","));
        return "{\"startDate\":\"2026-12-01\",\"charges\":[{" + valid + "," + field + "}]}";
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}

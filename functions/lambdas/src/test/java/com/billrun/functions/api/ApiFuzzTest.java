package com.billrun.functions.api;

import static com.billrun.functions.api.ApiFixture.allScopes;
import static com.billrun.functions.api.ApiFixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.functions.ApiContract.Intent;
import com.billrun.functions.api.ApiFixture.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Generated bodies (a seeded {@link Random}, so every run throws the same 300) at every POST and PUT operation of
 * infra/openapi.yaml: whole random JSON values, valid bodies with one field replaced, added or removed (at the top
 * or inside a charge), edge values (impossible dates, 1E+999999999, empty and huge strings, deep nesting), and text
 * that is not JSON. Whatever comes, the API never answers 5xx; a 4xx is problem+json with a field or a detail,
 * and leaves every item of the tenant as it was (an {@code Idempotency-Key} sent with it included).
 */
class ApiFuzzTest {

    /** Fixed, so every run throws the same bodies; {@code -Dbillrun.fuzz.seed=} and {@code -Dbillrun.fuzz.tries=} explore further. */
    private static final long SEED = Long.getLong("billrun.fuzz.seed", 0xB111_2026L);
    private static final int TRIES = Integer.getInteger("billrun.fuzz.tries", 300);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A valid body per operation, to mutate. */
    private static final Map<String, String> TEMPLATES = Map.ofEntries(
            Map.entry("POST /accounts", """
                    {"name":"Fuzz","billToEmail":"fuzz@customer.example","currency":"USD","billCycleDay":1,"batch":"Batch1","taxRate":"10","paymentTermDays":30}"""),
            Map.entry("POST /accounts/{}/subscriptions", """
                    {"startDate":"2026-12-01","charges":[{"name":"Plan","type":"RECURRING","model":"FLAT_FEE","price":"10.00","quantity":"1",
                     "billingPeriod":"MONTH","billingTiming":"IN_ADVANCE","discount":{"percent":"10","periods":3}},
                     {"name":"Tiers","type":"USAGE","model":"TIERED","billingPeriod":"MONTH","billingTiming":"IN_ARREARS",
                     "tiers":[{"upTo":"100","unitPrice":"0.10"},{"unitPrice":"0.05"}]}]}"""),
            Map.entry("POST /subscriptions/{}/cancel", "{\"effectiveDate\":\"2027-06-01\"}"),
            Map.entry("POST /accounts/{}/usage", "{\"subscriptionId\":\"S1\",\"chargeId\":\"calls\",\"quantity\":\"3\",\"date\":\"2026-12-02\"}"),
            Map.entry("POST /accounts/{}/invoice-preview", "{\"targetDate\":\"2026-12-01\",\"chargeTypesToExclude\":[\"USAGE\"]}"),
            Map.entry("POST /accounts/{}/payments", "{\"amount\":\"1.00\",\"date\":\"2026-12-02\"}"),
            Map.entry("POST /bill-runs", "{\"targetDate\":\"2026-12-01\",\"accountIds\":[\"A1\"],\"billCycleDay\":1,\"autoEmail\":false}"),
            Map.entry("POST /schedules", "{\"name\":\"Monthly\",\"expression\":\"cron(0 2 1 * ? *)\",\"timeZone\":\"Europe/Paris\",\"run\":{\"autoPost\":false}}"),
            Map.entry("PUT /settings", "{\"prorationMethod\":\"ACTUAL_DAYS\",\"roundingMode\":\"HALF_UP\"}"));

    private static final List<String> EDGE_STRINGS = List.of("", " ", "2024-02-30", "2023-02-29", "2026-12-01", "2026-13-01",
            "1E+999999999", "1e400", "-1", "0", "-0", "0.001", "12.345", "NaN", "Infinity", "0x10", "1,5", "USD", "XYZ", "usd",
            "A#1", "T#other#A#A1", "\u0000", "\u202e", "日本", "null", "true", "{}", "[]", "a".repeat(300), "9".repeat(40),
            "RECURRING", "FLAT_FEE", "MONTH", "IN_ADVANCE", "cron(0 2 1 * ? *)", "rate(0 minutes)", "Mars/Olympus");

    private final Random random = new Random(SEED);
    private final String tenant = ApiFixture.tenant("fuzz");
    private final String token = allScopes(tenant);

    @Test
    void generatedBodiesNeverBreakTheApiAndRefusalsWriteNothing() {
        ApiFixture.createAccount(token, "A1", "USD", 1);
        ApiFixture.ok(201, ApiFixture.call("POST", "/accounts/A1/subscriptions", token, """
                {"id":"S1","startDate":"2026-12-01","charges":[{"id":"plan","name":"Plan","type":"RECURRING","model":"FLAT_FEE","price":"10.00",
                 "billingPeriod":"MONTH","billingTiming":"IN_ADVANCE"},
                 {"id":"calls","name":"Calls","type":"USAGE","model":"PER_UNIT","price":"0.05","billingPeriod":"MONTH","billingTiming":"IN_ARREARS"}]}"""));
        String canceledRun = ApiFixture.runToEnd(token, "{\"targetDate\":\"2026-12-01\",\"accountIds\":[\"nobody\"]}").get("id").asText();
        ApiFixture.ok(202, ApiFixture.call("POST", "/bill-runs/" + canceledRun + "/cancel", token, null));

        List<String> operations = ApiSpecAgreementTest.specOperations().keySet().stream()
                .filter(op -> op.startsWith("POST ") || op.startsWith("PUT ")).toList();
        assertFalse(operations.isEmpty());
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, String> state = snapshot(tenant);
        for (int i = 0; i < TRIES; i++) {
            String operation = operations.get(i % operations.size());
            String method = operation.substring(0, operation.indexOf(' '));
            String path = path(operation.substring(operation.indexOf(' ') + 1), canceledRun);
            String body = body(operation);
            Map<String, String> headers = random.nextInt(4) == 0 ? Map.of("Idempotency-Key", idempotencyKey(i)) : Map.of();
            Answer answer = ApiFixture.send(Intent.OFF_SPEC, method, path, token, "application/json", body.getBytes(StandardCharsets.UTF_8), headers);
            String what = "try " + i + " " + answer + "\n  body: " + abbreviate(body);
            assertFalse(answer.noRoute(), "every spec operation has its route: " + answer);
            statuses.merge(operation + " " + answer.status(), 1, Integer::sum);
            assertTrue(answer.status() < 500, "never a 5xx: " + what);
            if (answer.status() >= 400) {
                JsonNode problem = ApiFixture.assertProblem(answer.status(), answer);
                assertTrue(!problem.path("field").asText("").isBlank() || !problem.path("detail").asText("").isBlank(), what);
                Map<String, String> after = snapshot(tenant);
                assertEquals(state, after, "a refusal writes nothing: " + what);
            } else {
                if (operation.equals("POST /bill-runs") && answer.status() == 202) {
                    ApiFixture.settled(token, answer.json().get("id").asText());
                }
                state = snapshot(tenant);
            }
        }
        System.out.println("ApiFuzzTest (seed " + SEED + ", " + TRIES + " tries): " + statuses);
    }

    /** Query parameters of every list: never a 5xx; a bad limit or cursor is a 400 naming it; nothing written. */
    @Test
    void generatedQueryParametersNeverBreakTheLists() {
        ApiFixture.createAccount(token, "A1", "USD", 1);
        ApiFixture.createAccount(token, "A2", "USD", 1);
        String runId = ApiFixture.runToEnd(token, "{\"targetDate\":\"2026-12-01\"}").get("id").asText();
        String realCursor = ApiFixture.ok(200, ApiFixture.call("GET", "/accounts?limit=1", token, null)).get("nextCursor").asText();
        List<String> lists = ApiSpecAgreementTest.specOperations().keySet().stream()
                .filter(op -> op.startsWith("GET ") && !op.endsWith("{}") && !op.endsWith("/pdf") && !op.equals("GET /settings"))
                .map(op -> op.substring(4).replace("/accounts/{}", "/accounts/A1").replace("{}", runId)).toList();
        List<String> limits = List.of("0", "1", "100", "101", "-1", "abc", "1.5", "1e2", "99999999999999999999", "%20", "1%00", "", "0x10", "+5");
        Map<String, String> state = snapshot(tenant);
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < 80; i++) {
            String list = lists.get(i % lists.size());
            StringBuilder query = new StringBuilder("?");
            if (random.nextBoolean()) {
                query.append("limit=").append(limits.get(random.nextInt(limits.size()))).append('&');
            }
            if (random.nextBoolean()) {
                String cursor = switch (random.nextInt(5)) {
                    case 0 -> realCursor;
                    case 1 -> realCursor.substring(0, random.nextInt(realCursor.length()));
                    case 2 -> java.util.Base64.getUrlEncoder().encodeToString(value(2).toString().getBytes(StandardCharsets.UTF_8));
                    case 3 -> java.util.Base64.getEncoder().encodeToString(("{\"PK\":{\"S\":\"T#" + tenant + "#A#A1\"},\"SK\":{\"S\":\"ACCOUNT\"}}")
                            .getBytes(StandardCharsets.UTF_8));
                    default -> EDGE_STRINGS.get(random.nextInt(EDGE_STRINGS.size()));
                };
                query.append("cursor=").append(java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            }
            Answer answer = ApiFixture.call(Intent.OFF_SPEC, "GET", list + query, token, null);
            statuses.merge(answer.status(), 1, Integer::sum);
            assertTrue(answer.status() == 200 || answer.status() == 400 || answer.status() == 404, "try " + i + " " + answer);
            if (answer.status() == 400) {
                String field = ApiFixture.assertProblem(400, answer).path("field").asText("");
                assertTrue(field.equals("limit") || field.equals("cursor"), answer::toString);
            }
        }
        assertEquals(state, snapshot(tenant), "reading writes nothing");
        System.out.println("ApiFuzzTest lists: " + statuses);
    }

    private String idempotencyKey(int i) {
        return switch (random.nextInt(5)) {
            case 0 -> "k".repeat(256);
            case 1 -> "a key with spaces";
            case 2 -> "fuzz-" + (i % 3); // reused across operations and bodies
            default -> "fuzz-" + i;
        };
    }

    private static String path(String template, String runId) {
        if (template.startsWith("/accounts/")) {
            return template.replace("{}", "A1");
        }
        if (template.startsWith("/subscriptions/")) {
            return template.replace("{}", "S1");
        }
        return template.replace("{}", runId); // a CANCELED run: post and cancel are 409 whatever the body
    }

    // ------------------------------------------------------------------ generation

    private String body(String operation) {
        String template = TEMPLATES.getOrDefault(operation, "{}");
        JsonNode valid = com.billrun.functions.LocalBillrun.json(template);
        return switch (random.nextInt(8)) {
            case 0 -> value(3).toString();
            case 1, 2 -> mutate((ObjectNode) valid.deepCopy(), this::value).toString();
            case 3 -> mutate((ObjectNode) valid.deepCopy(), depth -> edge()).toString();
            case 4 -> {
                ObjectNode object = (ObjectNode) valid.deepCopy();
                object.set(random.nextBoolean() ? "x" + random.nextInt(100) : "autopost", value(2));
                yield object.toString();
            }
            case 5 -> {
                ObjectNode object = (ObjectNode) valid.deepCopy();
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                if (!names.isEmpty()) {
                    object.remove(names.get(random.nextInt(names.size())));
                }
                yield object.toString();
            }
            case 6 -> nestedIn(valid, 50 + random.nextInt(2000));
            default -> text(template);
        };
    }

    /** One field of the object (or of an object inside it, such as a charge or a tier) replaced. */
    private ObjectNode mutate(ObjectNode object, java.util.function.IntFunction<JsonNode> replacement) {
        List<ObjectNode> holders = new ArrayList<>();
        collectObjects(object, holders);
        ObjectNode holder = holders.get(random.nextInt(holders.size()));
        List<String> names = new ArrayList<>();
        holder.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
        holder.set(name, replacement.apply(2));
        return object;
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
        }
        node.elements().forEachRemaining(child -> collectObjects(child, into));
    }

    private JsonNode value(int depth) {
        int kind = random.nextInt(depth <= 0 ? 7 : 10);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(List.of(0L, -1L, 1L, 31L, 32L, 101L, (long) Integer.MAX_VALUE + 1, Long.MAX_VALUE, Long.MIN_VALUE)
                    .get(random.nextInt(9)));
            case 3 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(20) - 5) * (random.nextBoolean() ? 1 : -1));
            case 4 -> NODES.numberNode(new BigDecimal(List.of("1E+999999999", "1E+400", "1E-400", "-1E+999999999", "123456789012345.678901234")
                    .get(random.nextInt(5))));
            case 5, 6 -> edge();
            case 7 -> {
                ArrayNode array = NODES.arrayNode();
                int size = random.nextInt(10) == 0 ? 1001 + random.nextInt(1000) : random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(size > 100 ? NODES.textNode("A" + i) : value(depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(List.of("name", "price", "id", "date", "amount", "charges", "tiers", "x", "").get(random.nextInt(9)), value(depth - 1));
                }
                yield object;
            }
        };
    }

    private JsonNode edge() {
        return NODES.textNode(EDGE_STRINGS.get(random.nextInt(EDGE_STRINGS.size())));
    }

    /** The valid body with one field's value replaced by arrays or objects nested {@code depth} deep. */
    private String nestedIn(JsonNode valid, int depth) {
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        List<String> names = new ArrayList<>();
        valid.fieldNames().forEachRemaining(names::add);
        ObjectNode copy = (ObjectNode) valid.deepCopy();
        String name = names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
        copy.put(name, "@@NESTED@@");
        return copy.toString().replace("\"@@NESTED@@\"", open.repeat(depth) + "1" + close.repeat(depth));
    }

    /** Not JSON, or not quite: truncated, doubled, stray bytes, a form, nothing at all. */
    private String text(String template) {
        return switch (random.nextInt(6)) {
            case 0 -> template.substring(0, random.nextInt(Math.max(1, template.length())));
            case 1 -> template + template;
            case 2 -> "name=Acme&currency=USD";
            case 3 -> "";
            case 4 -> template.replace('"', '\'');
            default -> template.replace(":", ":" + "\u00ff".repeat(random.nextInt(3)));
        };
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
    }
}

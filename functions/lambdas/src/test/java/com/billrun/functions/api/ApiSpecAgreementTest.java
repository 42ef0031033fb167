package com.billrun.functions.api;

import static com.billrun.functions.api.ApiFixture.POST;
import static com.billrun.functions.api.ApiFixture.READ;
import static com.billrun.functions.api.ApiFixture.WRITE;
import static com.billrun.functions.api.ApiFixture.assertProblem;
import static com.billrun.functions.api.ApiFixture.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.functions.ApiContract.Intent;
import com.billrun.functions.ApiContract;
import com.billrun.functions.api.ApiFixture.Answer;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * infra/openapi.yaml and the handler agree: the same method + path pairs with the same scope, read from both sides
 * (the spec with swagger-parser, the handler's route table from the ApiHandler the local runtime runs), and confirmed
 * over HTTP: every spec operation called with a token lacking only its scope answers 403 naming that scope, and
 * paths or methods outside the spec answer 404.
 */
class ApiSpecAgreementTest {

    private static final List<String> SCOPES = List.of(READ, WRITE, POST);

    /**
     * "POST /bill-runs/{}/post" -> "billing/post", for every operation of the spec, read with swagger-parser (the
     * parser the validator uses). Each operation names exactly one requirement with exactly one scope, as the handler
     * checks one scope per route.
     */
    static Map<String, String> specOperations() {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(readSpec(), null, null);
        assertEquals(List.of(), parsed.getMessages(), "infra/openapi.yaml parses");
        OpenAPI api = parsed.getOpenAPI();
        Map<String, String> operations = new TreeMap<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String key = key(method.name(), path);
            List<SecurityRequirement> security = operation.getSecurity();
            assertTrue(security != null && security.size() == 1 && security.getFirst().size() == 1
                    && security.getFirst().get("portalJwt") != null && security.getFirst().get("portalJwt").size() == 1,
                    key + " states its one scope: " + security);
            assertEquals(null, operations.put(key, security.getFirst().get("portalJwt").getFirst()), key + " is in the spec twice");
        }));
        return operations;
    }

    private static String readSpec() {
        try {
            return Files.readString(ApiContract.spec());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same, from the route table of the ApiHandler built as the local runtime builds it (its env). */
    static Map<String, String> handlerRoutes() throws ReflectiveOperationException {
        Map<String, String> env = ApiFixture.local().runtime().runner().spec("ApiFunction").env();
        ApiHandler handler = new ApiHandler(env);
        Object routes = field(handler, Routes.class);
        List<?> table = (List<?>) field(routes, List.class);
        Map<String, String> operations = new TreeMap<>();
        for (Object route : table) {
            String method = (String) component(route, "method");
            Pattern pattern = (Pattern) component(route, "pattern");
            String scope = (String) component(route, "scope");
            String path = pattern.pattern().replaceFirst("^\\^", "").replaceFirst("/\\?\\$$", "")
                    .replace("([A-Za-z0-9_.-]+)", "{}");
            String previous = operations.put(key(method, path), scope);
            assertEquals(null, previous, "route " + method + " " + path + " is in the table twice");
        }
        return operations;
    }

    @Test
    void everyRouteOfTheHandlerIsInTheSpecWithTheSameScope() throws Exception {
        Map<String, String> spec = specOperations();
        Map<String, String> handler = handlerRoutes();
        assertFalse(handler.isEmpty());
        Map<String, String> notInSpec = new TreeMap<>(handler);
        notInSpec.keySet().removeAll(spec.keySet());
        assertEquals(Map.of(), notInSpec, "routes the spec does not describe");
        handler.forEach((route, scope) -> assertEquals(spec.get(route), scope, "scope of " + route));
    }

    @Test
    void everyOperationOfTheSpecIsARouteOfTheHandler() throws Exception {
        Map<String, String> missing = new TreeMap<>(specOperations());
        missing.keySet().removeAll(handlerRoutes().keySet());
        assertEquals(Map.of(), missing, "operations of infra/openapi.yaml the handler does not serve");
    }

    /** Over HTTP: a token with every scope but the operation's is refused with 403 naming it, before any work. */
    @Test
    void everySpecOperationRefusesATokenWithoutItsScopeNamingTheScope() {
        String tenant = ApiFixture.tenant("spec");
        List<String> missing = new ArrayList<>();
        specOperations().forEach((operation, scope) -> {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1).replace("{}", "x1");
            String[] others = SCOPES.stream().filter(s -> !s.equals(scope)).toArray(String[]::new);
            // "{}" is no valid body of most operations: probes off the spec on purpose, only their answers validated
            Answer answer = ApiFixture.offSpec(method, path, ApiFixture.token(tenant, others), method.equals("GET") || method.equals("DELETE") ? null : "{}");
            if (answer.noRoute()) {
                missing.add(operation);
                return;
            }
            assertTrue(assertProblem(403, answer).path("detail").asText().contains(scope), answer::toString);
            // and with only its own scope the route is reached (anything but 401/403/no-route)
            Answer allowed = ApiFixture.offSpec(method, path, ApiFixture.token(tenant, scope), method.equals("GET") || method.equals("DELETE") ? null : "{}");
            assertTrue(allowed.status() != 401 && allowed.status() != 403 && !allowed.noRoute() && allowed.status() < 500, allowed::toString);
        });
        assertEquals(0, ApiFixture.itemCount(tenant), "nothing written");
        assertEquals(List.of(), missing, "spec operations the handler does not serve");
    }

    @Test
    void pathsAndMethodsOutsideTheSpecAre404() {
        String token = ApiFixture.token(ApiFixture.tenant("spec"), READ, WRITE, POST);
        Map<String, String> spec = specOperations();
        for (String[] request : new String[][] {
{"GET", "/nope"}, {"GET", "/invoices"}, {"DELETE", "/accounts/x1"}, {"PUT", "/accounts/x1"},
                {"GET", "/bill-runs/x1/post"}, {"GET", "/bill-runs/x1/invoices/extra"},
                {"POST", "/bill-runs/x1"}, {"DELETE", "/bill-runs/x1/cancel"}, {"PUT", "/subscriptions/x1"}, {"POST", "/invoices/x1/pdf"},
                {"GET", "/schedules/x1"}, {"POST", "/settings"}}) {
            assertFalse(spec.containsKey(key(request[0], request[1].replace("x1", "{id}"))), "not a spec operation: " + String.join(" ", request));
            Answer answer = ApiFixture.call(Intent.OUTSIDE_SPEC, request[0], request[1], token, request[0].equals("GET") ? null : "{}");
            assertProblem(404, answer);
        }
        // "/" is outside the proxy routes, and so is a method they do not name (template.yaml: GET, POST, PUT,
        // DELETE): API Gateway's own 404, the function never runs
        for (String[] request : new String[][] {{"GET", "/"}, {"PATCH", "/settings"}}) {
            Answer outside = ApiFixture.call(Intent.OUTSIDE_SPEC, request[0], request[1], token, request[0].equals("GET") ? null : "{}");
            assertEquals(404, outside.status(), outside::toString);
            assertEquals("Not Found", outside.json().path("message").asText(), outside::toString);
        }
    }

    /** The validator every API test's exchanges go through (ApiContract) does catch a disagreement with the spec. */
    @Test
    void theValidatorCatchesWhatDisagreesWithTheSpec() {
        String account = "{\"id\":\"A1\",\"name\":\"N\",\"billToEmail\":\"a@b.example\",\"currency\":\"USD\",\"billCycleDay\":1,"
                + "\"batch\":\"B\",\"balance\":\"0\",\"status\":\"ACTIVE\"}";
        String problem = "{\"type\":\"https://billrun.dev/problems/not-found\",\"title\":\"Not found\",\"status\":404}";
        accepted("GET", "/accounts/A1", null, 200, JSON_TYPE, account);
        accepted("GET", "/accounts/A1", null, 404, PROBLEM_TYPE, problem);
        accepted("POST", "/accounts/A1/invoice-preview", "{\"targetDate\":\"2026-12-01\"}", 200, JSON_TYPE, "{\"invoice\":null,\"failures\":[]}");
        accepted("GET", "/accounts", null, 200, JSON_TYPE, "{\"items\":[" + account + "],\"nextCursor\":null}");
        accepted("GET", "/bill-runs", null, 401, JSON_TYPE, "{\"message\":\"Unauthorized\"}");
        refused("GET", "/accounts/A1", null, 200, JSON_TYPE, "{\"id\":\"A1\"}", "required fields");
        refused("GET", "/accounts/A1", null, 200, JSON_TYPE, account.replace("ACTIVE", "GONE"), "enum");
        refused("GET", "/accounts/A1", null, 200, JSON_TYPE, account.replace("\"0\"", "0"), "an amount as a string");
        refused("GET", "/accounts/A1", null, 200, JSON_TYPE, account.replace("\"B\"", "null"), "not nullable");
        refused("GET", "/accounts/A1", null, 200, JSON_TYPE, account.replace("}", ",\"extra\":1}"), "a property the schema does not name");
        refused("GET", "/accounts/A1", null, 500, PROBLEM_TYPE, problem.replace("404", "500"), "an undeclared status");
        refused("GET", "/accounts/A1", null, 404, PROBLEM_TYPE, problem.replace("}", ",\"extra\":1}"), "additionalProperties: false");
        refused("GET", "/accounts/A1", null, 200, "text/html", "<html></html>", "content type");
        accepted("GET", "/bill-runs", null, 401, PROBLEM_TYPE, problem.replace("404", "401"));
        refused("GET", "/bill-runs", null, 401, JSON_TYPE, "{\"error\":\"Unauthorized\"}", "the gateway's 401 is {\"message\": ...}");
        refused("POST", "/accounts/A1/invoice-preview", "{\"targetDate\":\"2026-12-01\"}", 200, JSON_TYPE, "{\"invoice\":7,\"failures\":[]}", "invoice or null");
        refused("POST", "/accounts", "{\"name\":\"N\"}", 201, JSON_TYPE, account, "the request is validated too");
        refused("GET", "/accounts?limit=0", null, 200, JSON_TYPE, "{\"items\":[],\"nextCursor\":null}", "query parameters are validated");
        // a request sent off the spec on purpose: its answer is still validated, the request is not
        ApiContract.check(Intent.OFF_SPEC, "POST", "/accounts", Map.of(), "{".getBytes(StandardCharsets.UTF_8), 400,
                Map.of("content-type", List.of(PROBLEM_TYPE)), problem.replace("404", "400").getBytes(StandardCharsets.UTF_8));
        assertThrows(AssertionError.class, () -> ApiContract.check(Intent.OFF_SPEC, "POST", "/accounts", Map.of(),
                "{".getBytes(StandardCharsets.UTF_8), 400, Map.of("content-type", List.of(JSON_TYPE)), "{}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(AssertionError.class, () -> ApiContract.check(Intent.OUTSIDE_SPEC, "GET", "/accounts", Map.of(), null, 404,
                Map.of(), new byte[0]), "GET /accounts is in the spec");
    }

    private static final String JSON_TYPE = "application/json";
    private static final String PROBLEM_TYPE = "application/problem+json";

    private static void accepted(String method, String target, String body, int status, String contentType, String answer) {
        ApiContract.check(Intent.VALID, method, target, body == null ? Map.of() : Map.of("content-type", List.of(JSON_TYPE)),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), status, Map.of("content-type", List.of(contentType)),
                answer.getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(String method, String target, String body, int status, String contentType, String answer, String why) {
        assertThrows(AssertionError.class, () -> accepted(method, target, body, status, contentType, answer), why);
    }

    // ------------------------------------------------------------------ helpers

    private static String key(String method, String path) {
        return method + " " + path.replaceAll("\\{\\w*}", "{}");
    }

    private static Object field(Object owner, Class<?> type) throws IllegalAccessException {
        List<Field> fields = Stream.of(owner.getClass().getDeclaredFields()).filter(f -> type.isAssignableFrom(f.getType())).toList();
        assertEquals(1, fields.size(), owner.getClass() + " has one field of type " + type + ": "
                + fields.stream().map(Field::getName).collect(Collectors.joining(", ")));
        Field field = fields.getFirst();
        field.setAccessible(true);
        return field.get(owner);
    }

    private static Object component(Object record, String name) throws ReflectiveOperationException {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                var accessor = component.getAccessor();
                accessor.setAccessible(true);
                return accessor.invoke(record);
            }
        }
        throw new AssertionError(record.getClass() + " has no component " + name);
    }
}

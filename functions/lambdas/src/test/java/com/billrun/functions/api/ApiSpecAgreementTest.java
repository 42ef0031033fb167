package com.billrun.functions.api;

import static com.billrun.functions.api.ApiFixture.POST;
import static com.billrun.functions.api.ApiFixture.READ;
import static com.billrun.functions.api.ApiFixture.WRITE;
import static com.billrun.functions.api.ApiFixture.assertProblem;
import static com.billrun.functions.api.ApiFixture.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.functions.api.ApiFixture.Answer;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
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
 * (the spec with SnakeYAML, the handler's route table from the ApiHandler the local runtime runs), and confirmed
 * over HTTP: every spec operation called with a token lacking only its scope answers 403 naming that scope, and
 * paths or methods outside the spec answer 404.
 */
class ApiSpecAgreementTest {

    private static final List<String> SCOPES = List.of(READ, WRITE, POST);

    /** "POST /bill-runs/{}/post" -> "billing/post", for every operation of the spec. */
    static Map<String, String> specOperations() {
        Map<String, String> operations = new TreeMap<>();
        for (ApiSpec.Operation operation : ApiSpec.get().operations()) {
            assertTrue(operation.scope() != null, operation.key() + " states its scope");
            assertEquals(null, operations.put(operation.key(), operation.scope()), operation.key() + " is in the spec twice");
        }
        return operations;
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
            Answer answer = call(method, path, ApiFixture.token(tenant, others), method.equals("GET") || method.equals("DELETE") ? null : "{}");
            if (answer.noRoute()) {
                missing.add(operation);
                return;
            }
            assertTrue(assertProblem(403, answer).path("detail").asText().contains(scope), answer::toString);
            // and with only its own scope the route is reached (anything but 401/403/no-route)
            Answer allowed = call(method, path, ApiFixture.token(tenant, scope), method.equals("GET") || method.equals("DELETE") ? null : "{}");
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
                {"PATCH", "/settings"}, {"GET", "/bill-runs/x1/post"}, {"GET", "/bill-runs/x1/invoices/extra"},
                {"POST", "/bill-runs/x1"}, {"DELETE", "/bill-runs/x1"}, {"GET", "/accounts/x1/subscriptions"}, {"POST", "/invoices/x1/pdf"},
                {"GET", "/schedules/x1"}, {"POST", "/settings"}}) {
            assertFalse(spec.containsKey(key(request[0], request[1].replace("x1", "{id}"))), "not a spec operation: " + String.join(" ", request));
            Answer answer = call(request[0], request[1], token, request[0].equals("GET") ? null : "{}");
            assertProblem(404, answer);
        }
        // "/" is outside the proxy route: API Gateway's own 404, the function never runs
        Answer root = call("GET", "/", token, null);
        assertEquals(404, root.status(), root::toString);
        assertEquals("Not Found", root.json().path("message").asText(), root::toString);
    }

    /** The checker every suite's answers go through (ApiFixture.checkAgainstSpec) does catch a disagreement. */
    @Test
    void theAnswerCheckerCatchesWhatDisagreesWithTheSpec() {
        ApiSpec spec = ApiSpec.get();
        ApiSpec.Operation getAccount = spec.operation("GET", "/accounts/A1").orElseThrow();
        assertEquals("/accounts/{id}", getAccount.path());
        assertEquals("/bill-runs/{id}/post", spec.operation("POST", "/bill-runs/R1/post").orElseThrow().path());
        var json = (java.util.function.Function<String, com.fasterxml.jackson.databind.JsonNode>) com.billrun.functions.LocalBillrun::json;
        String account = "{\"id\":\"A1\",\"name\":\"N\",\"billToEmail\":\"a@b.example\",\"currency\":\"USD\",\"billCycleDay\":1,"
                + "\"batch\":\"B\",\"balance\":\"0\",\"status\":\"ACTIVE\"}";
        assertEquals(List.of(), spec.violations(getAccount, 200, "application/json", json.apply(account)));
        assertFalse(spec.violations(getAccount, 200, "application/json", json.apply("{\"id\":\"A1\"}")).isEmpty(), "required fields");
        assertFalse(spec.violations(getAccount, 200, "application/json", json.apply(account.replace("ACTIVE", "GONE"))).isEmpty(), "enum");
        assertFalse(spec.violations(getAccount, 200, "application/json", json.apply(account.replace("\"0\"", "0"))).isEmpty(), "amount as a string");
        assertFalse(spec.violations(getAccount, 200, "application/json", json.apply(account.replace("\"B\"", "null"))).isEmpty(), "not nullable");
        assertFalse(spec.violations(getAccount, 500, "application/problem+json", json.apply("{}")).isEmpty(), "an undeclared status");
        assertFalse(spec.violations(getAccount, 404, "application/problem+json",
                json.apply("{\"type\":\"t\",\"title\":\"t\",\"status\":404,\"extra\":1}")).isEmpty(), "additionalProperties: false");
        assertFalse(spec.violations(getAccount, 200, "text/html", null).isEmpty(), "content type");
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

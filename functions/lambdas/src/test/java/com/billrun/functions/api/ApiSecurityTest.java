package com.billrun.functions.api;

import static com.billrun.functions.api.ApiFixture.EMAIL;
import static com.billrun.functions.api.ApiFixture.POST;
import static com.billrun.functions.api.ApiFixture.READ;
import static com.billrun.functions.api.ApiFixture.WRITE;
import static com.billrun.functions.api.ApiFixture.allScopes;
import static com.billrun.functions.api.ApiFixture.assertProblem;
import static com.billrun.functions.api.ApiFixture.call;
import static com.billrun.functions.api.ApiFixture.createAccount;
import static com.billrun.functions.api.ApiFixture.createMonthly;
import static com.billrun.functions.api.ApiFixture.ok;
import static com.billrun.functions.api.ApiFixture.snapshot;
import static com.billrun.functions.api.ApiFixture.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.billrun.functions.ApiContract.Intent;
import com.billrun.functions.api.ApiFixture.Answer;
import com.billrun.local.http.DevTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may do what, over HTTP: the JWT authorizer turns away a missing, forged, expired or foreign token (401)
 * before the handler runs; the handler turns away a token without the route's scope (403); and another tenant's
 * ids are simply not there (404), whatever the route, with nothing of the owner's data changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSecurityTest {

    private final String owner = ApiFixture.tenant("sec-owner");
    private String runId;
    private String invoiceId;
    private String canceledRunId;
    private String scheduleId = "no-schedule";

    /** Tenant A: an account with a subscription, a COMPLETED run with its draft invoice, and a CANCELED run. */
    @BeforeAll
    void ownerHasDataAndRuns() {
        String token = allScopes(owner);
        createAccount(token, "A1", "USD", 1);
        createMonthly(token, "A1", "S1", "2026-12-01", "145.16");
        JsonNode run = ApiFixture.runToEnd(token, "{\"targetDate\":\"2026-12-01\"}");
        assertEquals("COMPLETED", run.get("status").asText(), run::toString);
        runId = run.get("id").asText();
        invoiceId = ok(200, call("GET", "/bill-runs/" + runId + "/invoices", token, null)).at("/items/0/id").asText();
        assertTrue(!invoiceId.isEmpty(), "the run invoiced A1");
        JsonNode empty = ApiFixture.runToEnd(token, "{\"targetDate\":\"2026-12-01\",\"accountIds\":[\"nobody\"]}");
        canceledRunId = empty.get("id").asText();
        ok(202, call("POST", "/bill-runs/" + canceledRunId + "/cancel", token, null));
        ok(200, call("PUT", "/settings", token, "{\"prorationMethod\":\"THIRTY_DAY_MONTH\",\"roundingMode\":\"HALF_EVEN\"}"));
        scheduleId = ok(201, call("POST", "/schedules", token,
                "{\"name\":\"Monthly\",\"expression\":\"cron(0 2 1 * ? *)\",\"timeZone\":\"Europe/Paris\"}")).get("id").asText();
    }

    // ------------------------------------------------------------------ 401: the authorizer

    static Stream<Arguments> badTokens() {
        DevTokens trusted = ApiFixture.local().devTokens();
        DevTokens stranger = DevTokens.ephemeral(); // same claims, another key: the signature does not verify
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("no Authorization header", null),
                Arguments.of("an empty bearer", ""),
                Arguments.of("not a JWT", "not-a-jwt"),
                Arguments.of("signed by another key", stranger.issue("sec-x", EMAIL, List.of(READ, WRITE, POST))),
                Arguments.of("tampered payload", tamper(trusted.issue("sec-x", EMAIL, List.of(READ)))),
                Arguments.of("expired an hour ago", trusted.sign(claims(DevTokens.ISSUER, DevTokens.AUDIENCE,
                        now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1))))),
                Arguments.of("wrong audience", trusted.sign(claims(DevTokens.ISSUER, "someone-elses-api",
                        now, now.plus(Duration.ofHours(1))))),
                Arguments.of("wrong issuer", trusted.sign(claims("https://evil.example/issuer", DevTokens.AUDIENCE,
                        now, now.plus(Duration.ofHours(1))))),
                Arguments.of("no expiry", trusted.sign(new JWTClaimsSet.Builder().issuer(DevTokens.ISSUER)
                        .audience(DevTokens.AUDIENCE).claim("tenant", "sec-x").claim("scope", READ + " " + WRITE).build())),
                Arguments.of("alg none", unsigned()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIs401FromTheAuthorizerBeforeTheHandler(String why, String token) {
        for (String[] route : new String[][] {{"GET", "/bill-runs"}, {"GET", "/accounts/A1"}, {"POST", "/bill-runs"}, {"POST", "/accounts"}}) {
            Answer answer = token == null ? ApiFixture.offSpec(route[0], route[1], null, "{\"targetDate\":\"2026-12-01\"}")
                    : ApiFixture.send(Intent.OFF_SPEC, route[0], route[1], null, "application/json",
                            "{\"targetDate\":\"2026-12-01\"}".getBytes(), Map.of("authorization", "Bearer " + token));
            assertEquals(401, answer.status(), why + ": " + answer);
            // API Gateway's own answer ({"message":"Unauthorized"}), not the handler's problem+json: it never ran
            assertEquals("Unauthorized", answer.json().path("message").asText(), answer::toString);
            assertTrue(answer.headers().firstValue("www-authenticate").orElse("").contains("invalid_token"), answer::toString);
        }
        assertEquals(0, ApiFixture.itemCount("sec-x"), "nothing written for the token's tenant");
    }

    @Test
    void aValidTokenWithoutATenantClaimIs401FromTheHandler() {
        Instant now = Instant.now();
        String noTenant = ApiFixture.local().devTokens().sign(new JWTClaimsSet.Builder().issuer(DevTokens.ISSUER)
                .audience(DevTokens.AUDIENCE).claim("email", EMAIL).claim("scope", READ)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build());
        assertProblem(401, call("GET", "/bill-runs", noTenant, null));
        String hashTenant = token(owner + "#RUN#" + runId, READ);
        assertProblem(401, call("GET", "/bill-runs", hashTenant, null));
    }

    // ------------------------------------------------------------------ 403: the route's scope

    static Stream<Arguments> missingScopes() {
        return Stream.of(
                Arguments.of("POST", "/bill-runs/%s/post", null, List.of(READ, WRITE), POST),
                Arguments.of("POST", "/bill-runs", "{\"targetDate\":\"2026-12-01\"}", List.of(READ, POST), WRITE),
                Arguments.of("POST", "/bill-runs/%s/cancel", null, List.of(READ, POST), WRITE),
                Arguments.of("POST", "/bill-runs/%s/retry-failures", null, List.of(READ, POST), WRITE),
                Arguments.of("DELETE", "/bill-runs/%s", null, List.of(READ, POST), WRITE),
                Arguments.of("POST", "/accounts", "{\"name\":\"X\",\"billToEmail\":\"x@x.example\",\"currency\":\"USD\",\"billCycleDay\":1}",
                        List.of(READ), WRITE),
                Arguments.of("POST", "/accounts/A1/subscriptions", "{\"startDate\":\"2026-12-01\",\"charges\":[{\"name\":\"Setup\",\"type\":\"ONE_TIME\",\"model\":\"FLAT_FEE\",\"price\":\"1\"}]}",
                        List.of(READ, POST), WRITE),
                Arguments.of("GET", "/bill-runs", null, List.of(WRITE, POST), READ),
                Arguments.of("GET", "/bill-runs/%s", null, List.of(WRITE), READ),
                Arguments.of("GET", "/bill-runs/%s/invoices", null, List.of(POST), READ),
                Arguments.of("GET", "/accounts/A1", null, List.of(WRITE, POST), READ),
                Arguments.of("GET", "/accounts/A1/invoices", null, List.of(WRITE), READ),
                Arguments.of("GET", "/bill-runs", null, List.of("openid", "billing/admin"), READ),
                Arguments.of("POST", "/accounts/A1/payments", "{\"amount\":\"1.00\",\"date\":\"2026-12-02\"}", List.of(READ, POST), WRITE),
                Arguments.of("PUT", "/settings", "{\"prorationMethod\":\"ACTUAL_DAYS\",\"roundingMode\":\"HALF_UP\"}", List.of(READ), WRITE),
                Arguments.of("POST", "/schedules", "{\"expression\":\"cron(0 2 1 * ? *)\",\"timeZone\":\"UTC\"}", List.of(READ, POST), WRITE));
    }

    @ParameterizedTest(name = "{0} {1} with {3} -> 403 naming {4}")
    @MethodSource("missingScopes")
    void aTokenWithoutTheRoutesScopeIs403AndChangesNothing(String method, String path, String body, List<String> scopes, String needed) {
        Map<String, String> before = snapshot(owner);
        Answer answer = call(method, path.formatted(runId), token(owner, scopes.toArray(String[]::new)), body);
        assertFalse(answer.noRoute(), answer::toString);
        JsonNode problem = assertProblem(403, answer);
        assertTrue(problem.path("detail").asText().contains(needed), answer::toString);
        assertEquals(before, snapshot(owner), "a 403 changes nothing");
    }

    @Test
    void writingARunDoesNotAllowPostingIt() {
        Map<String, String> before = snapshot(owner);
        Answer answer = call("POST", "/bill-runs/" + runId + "/post", token(owner, READ, WRITE), null);
        assertTrue(assertProblem(403, answer).path("detail").asText().contains(POST), answer::toString);
        assertEquals(before, snapshot(owner));
        assertEquals("COMPLETED", ok(200, call("GET", "/bill-runs/" + runId, allScopes(owner), null)).get("status").asText());
    }

    // ------------------------------------------------------------------ 404: another tenant's ids

    List<String[]> foreignRoutes() {
        return List.of(
                new String[] {"GET", "/accounts/A1", null},
                new String[] {"GET", "/accounts/A1/invoices", null},
                new String[] {"GET", "/invoices/" + invoiceId, null},
                new String[] {"GET", "/invoices/" + invoiceId + "/pdf", null},
                new String[] {"GET", "/bill-runs/" + runId, null},
                new String[] {"GET", "/bill-runs/" + runId + "/invoices", null},
                new String[] {"GET", "/bill-runs/" + runId + "/accounts", null},
                new String[] {"GET", "/bill-runs/" + runId + "/failures", null},
                new String[] {"POST", "/bill-runs/" + runId + "/post", null},
                new String[] {"POST", "/bill-runs/" + runId + "/cancel", null},
                new String[] {"POST", "/bill-runs/" + canceledRunId + "/post", null},
                new String[] {"POST", "/bill-runs/" + runId + "/retry-failures", null},
                new String[] {"DELETE", "/bill-runs/" + canceledRunId, null},
                new String[] {"POST", "/accounts/A1/subscriptions", """
                        {"startDate":"2026-12-01","charges":[{"name":"Sneaky","type":"ONE_TIME","model":"FLAT_FEE","price":"1"}]}"""},
                new String[] {"POST", "/subscriptions/S1/cancel", "{\"effectiveDate\":\"2026-12-15\"}"},
                new String[] {"POST", "/accounts/A1/usage", "{\"subscriptionId\":\"S1\",\"chargeId\":\"plan\",\"quantity\":\"1\",\"date\":\"2026-12-02\"}"},
                new String[] {"POST", "/accounts/A1/invoice-preview", "{\"targetDate\":\"2026-12-01\"}"},
                new String[] {"POST", "/accounts/A1/payments", "{\"amount\":\"10.00\",\"date\":\"2026-12-02\"}"},
                new String[] {"GET", "/accounts/A1/payments", null},
                new String[] {"DELETE", "/schedules/" + scheduleId, null});
    }

    @Test
    void anotherTenantsAccountsInvoicesAndRunsAre404AndNothingOfTheOwnersChanges() {
        Map<String, String> before = snapshot(owner);
        String intruder = ApiFixture.tenant("sec-intruder");
        String intruderToken = allScopes(intruder);
        for (String[] route : foreignRoutes()) {
            Answer answer = call(route[0], route[1], intruderToken, route[2]);
            assertFalse(answer.noRoute(), "the route exists, the resource is not the intruder's: " + answer);
            assertProblem(404, answer);
            assertTrue(!answer.body().contains(owner), "the answer does not reveal the owner: " + answer);
        }
        assertEquals(before, snapshot(owner), "the owner's items are exactly as they were");
        assertEquals(0, ApiFixture.itemCount(intruder), "nothing was written for the intruder either");
        // and the owner still sees everything
        String ownerToken = allScopes(owner);
        assertEquals("COMPLETED", ok(200, call("GET", "/bill-runs/" + runId, ownerToken, null)).get("status").asText());
        assertEquals("DRAFT", ok(200, call("GET", "/invoices/" + invoiceId, ownerToken, null)).get("status").asText());
    }

    @Test
    void anotherTenantsListsDoNotShowTheOwnersData() {
        String intruderToken = allScopes(ApiFixture.tenant("sec-intruder"));
        assertEquals(0, ok(200, call("GET", "/bill-runs", intruderToken, null)).get("items").size());
        Answer accounts = call("GET", "/accounts", intruderToken, null);
        if (!accounts.noRoute()) {
            assertEquals(0, ok(200, accounts).get("items").size(), accounts::toString);
        }
    }

    /** A cursor is the owner's query's last key: replayed by another tenant it must not resume the owner's list. */
    @Test
    void anotherTenantsCursorShowsNothingOfTheOwner() {
        String ownerToken = allScopes(owner);
        createAccount(ownerToken, "A2", "USD", 1);
        String intruder = ApiFixture.tenant("sec-intruder");
        String intruderToken = allScopes(intruder);
        createAccount(intruderToken, "I1", "USD", 1);
        int replays = 0;
        for (String list : List.of("/accounts", "/bill-runs", "/accounts/A1/invoices", "/bill-runs/" + runId + "/accounts")) {
            JsonNode page = ok(200, call("GET", list + "?limit=1", ownerToken, null));
            String cursor = page.path("nextCursor").asText(null);
            if (cursor == null) {
                continue; // a single page: nothing to replay
            }
            String intruderList = list.replace("A1", "I1").replace(runId, "nope");
            Answer replayed = call("GET", intruderList + "?limit=1&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8),
                    intruderToken, null);
            assertTrue(replayed.status() == 200 || replayed.status() == 400 || replayed.status() == 404, replayed::toString);
            assertTrue(!replayed.body().contains("\"A1\"") && !replayed.body().contains("\"A2\"") && !replayed.body().contains(runId),
                    "the owner's data leaked through a replayed cursor: " + replayed);
            replays++;
        }
        assertTrue(replays >= 2, "the owner's accounts and runs each had a second page");
    }

    @Test
    void anotherTenantsSettingsAndSchedulesAreTheirOwn() {
        Map<String, String> before = snapshot(owner);
        String intruderToken = allScopes(ApiFixture.tenant("sec-intruder"));
        JsonNode defaults = ok(200, call("GET", "/settings", intruderToken, null));
        assertEquals("ACTUAL_DAYS", defaults.get("prorationMethod").asText(), "the intruder sees its own defaults: " + defaults);
        ok(200, call("PUT", "/settings", intruderToken, "{\"prorationMethod\":\"ACTUAL_DAYS\",\"roundingMode\":\"HALF_UP\"}"));
        assertEquals(0, ok(200, call("GET", "/schedules", intruderToken, null)).get("items").size());
        assertEquals(before, snapshot(owner));
        JsonNode settings = ok(200, call("GET", "/settings", allScopes(owner), null));
        assertEquals("THIRTY_DAY_MONTH", settings.get("prorationMethod").asText());
        assertEquals("HALF_EVEN", settings.get("roundingMode").asText());
        assertEquals(1, ok(200, call("GET", "/schedules", allScopes(owner), null)).get("items").size());
    }

    @Test
    void anIntrudersRunOverTheOwnersAccountIdsBillsNothingOfTheOwner() {
        Map<String, String> before = snapshot(owner);
        JsonNode run = ApiFixture.runToEnd(allScopes(ApiFixture.tenant("sec-intruder")), "{\"targetDate\":\"2026-12-01\",\"accountIds\":[\"A1\"]}");
        assertEquals(0, run.at("/counts/invoicesGenerated").asInt(), run::toString);
        assertEquals(0, run.at("/counts/accountsSelected").asInt(), "A1 is not the intruder's: " + run);
        assertEquals(before, snapshot(owner));
    }

    // ------------------------------------------------------------------ helpers

    private static JWTClaimsSet claims(String issuer, String audience, Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(EMAIL)
                .claim("tenant", "sec-x").claim("email", EMAIL).claim("scope", READ + " " + WRITE + " " + POST)
                .issueTime(Date.from(issued)).expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString()).build();
    }

    /** Same header and signature, a payload claiming another tenant. */
    private static String tamper(String jwt) {
        String[] parts = jwt.split("\\.");
        var decoder = java.util.Base64.getUrlDecoder();
        var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        String payload = new String(decoder.decode(parts[1])).replace("\"sec-x\"", "\"sec-y\"");
        return parts[0] + "." + encoder.encodeToString(payload.getBytes()) + "." + parts[2];
    }

    private static String unsigned() {
        var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        return encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "."
                + encoder.encodeToString(("{\"iss\":\"" + DevTokens.ISSUER + "\",\"aud\":\"" + DevTokens.AUDIENCE
                        + "\",\"tenant\":\"sec-x\",\"scope\":\"billing/read billing/write\",\"exp\":" + exp + "}").getBytes()) + ".";
    }
}

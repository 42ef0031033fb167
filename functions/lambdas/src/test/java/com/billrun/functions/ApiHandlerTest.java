package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.sfn.execution.ExecutionStatus;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bill-run routes of infra/openapi.yaml, through the local HTTP API and its JWT authorizer, as a portal calls them. */
class ApiHandlerTest {

    private static final String ALL_SCOPES = "billing/read billing/write billing/post";
    private final LocalBillrun local = LocalBillrun.get();

    @Test
    void creatingARunAnswers202WithItsNumberAndStartsTheStateMachineNamedAfterIt() throws Exception {
        Tenants tenant = Tenants.fresh(local, "api-create");
        String token = token(tenant, ALL_SCOPES);

        var created = local.call("POST", "/bill-runs", token, "{\"targetDate\":\"2026-12-01\",\"autoEmail\":true}");

        assertEquals(202, created.statusCode(), created.body());
        JsonNode body = LocalBillrun.json(created.body());
        assertEquals("BR-00001", body.get("number").asText());
        assertEquals("PENDING", body.get("status").asText());
        BillRun stored = local.store().billRuns().get(tenant.tenantId(), body.get("id").asText());
        assertEquals(Tenants.INITIATOR, stored.initiatorEmail(), "the token's email is the initiator");
        assertTrue(stored.options().autoEmail());
        local.awaitExecution("BillRunStateMachine", stored.id(), Duration.ofSeconds(30)); // named after the run
        var read = local.call("GET", "/bill-runs/" + stored.id(), token, null);
        assertEquals(200, read.statusCode());
        assertEquals(stored.number(), LocalBillrun.json(read.body()).get("number").asText());
    }

    @Test
    void postingARunWhoseStatusDoesNotAllowItIs409ProblemJson() {
        Tenants tenant = Tenants.fresh(local, "api-409");
        tenant.monthly("A1", "USD", "1.00");
        BillRun run = tenant.processingRun();

        var refused = local.call("POST", "/bill-runs/" + run.id() + "/post", token(tenant, ALL_SCOPES), null);

        assertEquals(409, refused.statusCode());
        assertEquals("application/problem+json", refused.headers().firstValue("content-type").orElseThrow());
        JsonNode problem = LocalBillrun.json(refused.body());
        assertEquals(409, problem.get("status").asInt());
        assertTrue(problem.get("detail").asText().contains("PROCESSING"), refused.body());
    }

    @Test
    void anotherTenantsRunIsNotFound() {
        Tenants owner = Tenants.fresh(local, "api-owner");
        Tenants other = Tenants.fresh(local, "api-other");
        owner.monthly("A1", "USD", "1.00");
        BillRun run = owner.completedRun();

        for (String path : new String[] {"/bill-runs/%s", "/bill-runs/%s/invoices", "/bill-runs/%s/failures", "/bill-runs/%s/post"}) {
            String method = path.endsWith("post") ? "POST" : "GET";
            var answer = local.call(method, path.formatted(run.id()), token(other, ALL_SCOPES), null);
            assertEquals(404, answer.statusCode(), method + " " + path + ": " + answer.body());
        }
        assertEquals(BillRunStatus.COMPLETED, local.store().billRuns().get(owner.tenantId(), run.id()).status());
    }

    @Test
    void aTokenWithoutTheRoutesScopeIs403() {
        Tenants tenant = Tenants.fresh(local, "api-403");
        var refused = local.call("POST", "/bill-runs", token(tenant, "billing/read"), "{\"targetDate\":\"2026-12-01\"}");

        assertEquals(403, refused.statusCode());
        assertEquals("application/problem+json", refused.headers().firstValue("content-type").orElseThrow());
        assertTrue(refused.body().contains("billing/write"), refused.body());
        assertEquals(0, runsOf(tenant));
    }

    @Test
    void noTokenIs401FromTheAuthorizer() {
        assertEquals(401, local.call("GET", "/bill-runs", null, null).statusCode());
    }

    @ParameterizedTest(name = "{0} -> {1} naming {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"targetDate\":\"2026-13-01\"}                              | 400 | targetDate",
            "{}                                                          | 422 | targetDate",
            "{\"targetDate\":\"2026-12-01\",\"billCycleDay\":32}          | 422 | billCycleDay",
            "{\"targetDate\":\"2026-12-01\",\"autopost\":true}            | 400 | autopost",
            "{\"targetDate\":\"2026-12-01\",\"autoPost\":\"yes\"}         | 400 | autoPost",
            "{\"targetDate\":\"2026-12-01\",\"chargeTypesToExclude\":[\"RECURRING\",\"ONE_TIME\",\"USAGE\"]} | 422 | chargeTypesToExclude",
            "{\"targetDate\":\"2026-12-01\",\"accountIds\":[\"A#1\"]}     | 422 | accountIds[0]",
            "[1,2]                                                       | 400 | ",
    })
    void aBadBodyIsRefusedNamingTheFieldAndNothingIsWritten(String body, int status, String field) {
        Tenants tenant = Tenants.fresh(local, "api-bad");

        HttpResponse<String> refused = local.call(ApiContract.Intent.OFF_SPEC, "POST", "/bill-runs", token(tenant, ALL_SCOPES), body);

        assertEquals(status, refused.statusCode(), refused.body());
        JsonNode problem = LocalBillrun.json(refused.body());
        assertEquals(field == null ? "" : field, problem.path("field").asText(""), refused.body());
        assertEquals(0, runsOf(tenant));
    }

    @Test
    void anAccountAndItsSubscriptionAreCreatedThroughTheApi() {
        Tenants tenant = Tenants.fresh(local, "api-accounts");
        String token = token(tenant, ALL_SCOPES);

        var account = local.call("POST", "/accounts", token, """
                {"id":"ACME-1","name":"Acme","billToEmail":"ap@acme.example","currency":"KWD","billCycleDay":31,"taxRate":"5"}""");
        var subscription = local.call("POST", "/accounts/ACME-1/subscriptions", token, """
                {"startDate":"2026-11-15","charges":[{"name":"Gold","type":"RECURRING","model":"FLAT_FEE","price":"12.345",
                 "billingPeriod":"MONTH","billingTiming":"IN_ADVANCE"}]}""");
        var badCurrency = local.call("POST", "/accounts", token, """
                {"name":"X","billToEmail":"x@x.example","currency":"XYZ","billCycleDay":1}""");

        assertEquals(201, account.statusCode(), account.body());
        assertEquals("0.000", LocalBillrun.json(account.body()).get("balance").asText(), "KWD has 3 decimals");
        assertEquals(201, subscription.statusCode(), subscription.body());
        assertEquals("c1", LocalBillrun.json(subscription.body()).at("/charges/0/id").asText());
        assertEquals(422, badCurrency.statusCode());
        assertEquals("currency", LocalBillrun.json(badCurrency.body()).get("field").asText());
    }

    @Test
    void postingACompletedRunThroughTheApiEndsPostedWithAnEmailToWhoPostedIt() throws Exception {
        Tenants tenant = Tenants.fresh(local, "api-post");
        tenant.monthly("A1", "USD", "145.16");
        BillRun run = tenant.completedRun();

        var accepted = local.call("POST", "/bill-runs/" + run.id() + "/post", token(tenant, ALL_SCOPES), null);
        var again = local.call("POST", "/bill-runs/" + run.id() + "/post", token(tenant, ALL_SCOPES), null);
        var execution = local.awaitExecution("PostRunStateMachine", run.id() + "-post-1", Duration.ofSeconds(30));

        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals("POST_IN_PROGRESS", LocalBillrun.json(accepted.body()).get("status").asText());
        assertEquals(409, again.statusCode(), "a second click finds it posting");
        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
        assertEquals(BillRunStatus.POSTED, local.store().billRuns().get(tenant.tenantId(), run.id()).status());
        var invoices = LocalBillrun.json(local.call("GET", "/bill-runs/" + run.id() + "/invoices", token(tenant, ALL_SCOPES), null).body());
        assertEquals("INV-000001", invoices.at("/items/0/number").asText());
        assertEquals("145.16", invoices.at("/items/0/total").asText());
        assertEquals(1, local.awaitEmails(email -> email.text().contains(run.id()) && email.subject().contains("posted"),
                1, Duration.ofSeconds(10)).size());
    }

    private String token(Tenants tenant, String scopes) {
        return local.token(tenant.tenantId(), Tenants.INITIATOR, scopes.split(" "));
    }

    private int runsOf(Tenants tenant) {
        return local.store().billRuns().list(tenant.tenantId(), null, 10).items().size();
    }
}

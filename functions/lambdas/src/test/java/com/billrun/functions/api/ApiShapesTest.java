package com.billrun.functions.api;

import static com.billrun.functions.api.ApiFixture.allScopes;
import static com.billrun.functions.api.ApiFixture.call;
import static com.billrun.functions.api.ApiFixture.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Minimal and maximal bodies, read back through every GET: each request and answer is validated against
 * infra/openapi.yaml (ApiContract: declared status, required fields present, nothing the schema does not name, types,
 * enums, patterns, null only where declared), so a field the spec promises but a sparse resource leaves out is
 * caught here.
 */
class ApiShapesTest {

    private final String tenant = ApiFixture.tenant("shapes");
    private final String token = allScopes(tenant);

    @Test
    void aMinimalAccountAndSubscriptionReadBackInTheSpecsShape() {
        // an explicit short id: a generated one makes invoice ids too long to read (see the disabled test below)
        JsonNode account = ok(201, call("POST", "/accounts", token,
                "{\"id\":\"BARE\",\"name\":\"Bare\",\"billToEmail\":\"bare@x.example\",\"currency\":\"JPY\",\"billCycleDay\":28}"));
        String id = account.get("id").asText();
        ok(200, call("GET", "/accounts/" + id, token, null));
        ok(200, call("GET", "/accounts?limit=1", token, null));
        ok(201, call("POST", "/accounts/" + id + "/subscriptions", token, """
                {"startDate":"2026-11-28","charges":[{"name":"Once","type":"ONE_TIME","model":"FLAT_FEE","price":"500"}]}"""));
        JsonNode run = ApiFixture.runToEnd(token, "{\"targetDate\":\"2026-11-28\"}");
        assertEquals("COMPLETED", run.get("status").asText(), run::toString);
        ok(200, call("GET", "/bill-runs?limit=5", token, null));
        String runId = run.get("id").asText();
        ok(200, call("GET", "/bill-runs/" + runId + "/accounts", token, null));
        ok(200, call("GET", "/bill-runs/" + runId + "/failures", token, null));
        String invoiceId = ok(200, call("GET", "/bill-runs/" + runId + "/invoices", token, null)).at("/items/0/id").asText();
        ok(200, call("GET", "/invoices/" + invoiceId, token, null));
        ok(200, call("GET", "/accounts/" + id + "/invoices", token, null));
        ok(200, call("GET", "/accounts/" + id + "/payments", token, null));
        ok(200, call("GET", "/settings", token, null));
        ok(200, call("GET", "/schedules", token, null));
    }

    /**
     * Generated run and account ids are 36 characters each; the invoice id derived from both (DATA-MODEL.md) must
     * still be a valid path id, so the invoice is readable, printable and payable by the id its run lists.
     */
    @Test
    void anInvoiceOfAGeneratedAccountIdCanBeReadPrintedAndPaidById() {
        String accountId = ok(201, call("POST", "/accounts", token,
                "{\"name\":\"Generated\",\"billToEmail\":\"gen@x.example\",\"currency\":\"USD\",\"billCycleDay\":1}")).get("id").asText();
        ApiFixture.createMonthly(token, accountId, "S-GEN", "2026-12-01", "20.00");
        String runId = ApiFixture.runToEnd(token, "{\"targetDate\":\"2026-12-01\",\"accountIds\":[\"" + accountId + "\"]}").get("id").asText();
        ok(202, call("POST", "/bill-runs/" + runId + "/post", token, null));
        ApiFixture.awaitRun(token, runId, java.util.Set.of("POSTED"));
        String invoiceId = ok(200, call("GET", "/bill-runs/" + runId + "/invoices", token, null)).at("/items/0/id").asText();
        assertTrue(invoiceId.length() <= 64, invoiceId);
        assertEquals(invoiceId, ok(200, call("GET", "/invoices/" + invoiceId, token, null)).get("id").asText());
        assertEquals(200, call("GET", "/invoices/" + invoiceId + "/pdf", token, null).status());
        JsonNode payment = ok(201, call("POST", "/accounts/" + accountId + "/payments", token,
                "{\"amount\":\"22.00\",\"date\":\"2026-12-05\",\"invoiceId\":\"" + invoiceId + "\"}"));
        assertEquals(invoiceId, payment.at("/allocations/0/invoiceId").asText(), payment::toString);
    }

    @Test
    void everyKindOfChargeAndLineReadsBackInTheSpecsShape() {
        ApiFixture.createAccount(token, "FULL", "USD", 1);
        ok(201, call("POST", "/accounts/FULL/subscriptions", token, """
                {"id":"S-FULL","startDate":"2026-11-01","endDate":"2027-11-01","charges":[
                 {"id":"flat","name":"Flat","type":"RECURRING","model":"FLAT_FEE","price":"100.00","billingPeriod":"MONTH","billingTiming":"IN_ADVANCE",
                  "discount":{"percent":"10","periods":2},"taxable":false},
                 {"id":"seats","name":"Seats","type":"RECURRING","model":"PER_UNIT","price":"7.50","quantity":"3","billingPeriod":"QUARTER","billingTiming":"IN_ADVANCE",
                  "discount":{"amount":"5.00"}},
                 {"id":"tiered","name":"Tiered","type":"USAGE","model":"TIERED","billingPeriod":"MONTH","billingTiming":"IN_ARREARS",
                  "tiers":[{"upTo":"10","unitPrice":"1.00"},{"unitPrice":"0.50"}]},
                 {"id":"volume","name":"Volume","type":"USAGE","model":"VOLUME","billingPeriod":"MONTH","billingTiming":"IN_ARREARS",
                  "tiers":[{"upTo":"100","unitPrice":"0.20"},{"unitPrice":"0.10"}]},
                 {"id":"setup","name":"Setup","type":"ONE_TIME","model":"FLAT_FEE","price":"49.00","startDate":"2026-11-15"}]}"""));
        ok(201, call("POST", "/accounts/FULL/usage", token, """
                [{"subscriptionId":"S-FULL","chargeId":"tiered","quantity":"25","date":"2026-11-03"},
                 {"subscriptionId":"S-FULL","chargeId":"volume","quantity":"150","date":"2026-11-04"}]"""));
        ok(200, call("POST", "/accounts/FULL/invoice-preview", token, "{\"targetDate\":\"2026-12-01\"}"));
        JsonNode run = ApiFixture.runToEnd(token, "{\"targetDate\":\"2026-12-01\"}");
        String runId = run.get("id").asText();
        JsonNode invoice = ok(200, call("GET", "/bill-runs/" + runId + "/invoices", token, null)).at("/items/0");
        ok(200, call("GET", "/invoices/" + invoice.get("id").asText(), token, null));
        ok(202, ApiFixture.call("POST", "/bill-runs/" + runId + "/post", token, null));
        ApiFixture.awaitRun(token, runId, java.util.Set.of("POSTED"));
        ok(201, call("POST", "/accounts/FULL/payments", token, "{\"amount\":\"1000.00\",\"date\":\"2026-12-05\"}"));
        ok(200, call("GET", "/accounts/FULL/payments", token, null));
        ok(200, call("POST", "/subscriptions/S-FULL/cancel", token, "{\"effectiveDate\":\"2026-12-15\"}"));
        ok(200, call("GET", "/accounts/FULL", token, null));
    }
}

package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.aws.SentEmail;
import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.ExecutionStatus;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Whole bill runs on the local runtime: the API starts the real bill-run state machine, which prepares, fans the
 * batches out over SQS to the invoice worker, completes, posts and notifies; everything read back through the API
 * and the SES stand-in.
 */
class BillRunEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final LocalBillrun local = LocalBillrun.get();

    @Test
    void aRunWithAutoPostEndsPostedWithExactTotalsAndEveryEmail() throws Exception {
        Tenants tenant = Tenants.fresh(local, "e2e-happy");
        String token = local.token(tenant.tenantId(), Tenants.INITIATOR, "billing/read", "billing/write", "billing/post");
        account(token, "US-1", "USD", "8.25", "145.16");   // 145.16 + 8.25% tax 11.98 = 157.14
        account(token, "EU-1", "EUR", "20", "99.90");       // 99.90 + 19.98 = 119.88
        account(token, "JP-1", "JPY", "10", "12000");       // 12000 + 1200 = 13200
        account(token, "KW-1", "KWD", "0", "12.345");       // 12.345

        var accepted = local.call("POST", "/bill-runs", token,
                "{\"targetDate\":\"2026-12-01\",\"autoPost\":true,\"autoEmail\":true}");
        String runId = LocalBillrun.json(accepted.body()).get("id").asText();
        Execution execution = local.awaitExecution("BillRunStateMachine", runId, PATIENCE);

        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
        JsonNode run = LocalBillrun.json(local.call("GET", "/bill-runs/" + runId, token, null).body());
        assertEquals("POSTED", run.get("status").asText());
        assertEquals(4, run.at("/counts/invoicesGenerated").asInt());
        assertEquals(Map.of("EUR", "119.88", "JPY", "13200", "KWD", "12.345", "USD", "157.14"), totals(run));
        JsonNode invoices = LocalBillrun.json(local.call("GET", "/bill-runs/" + runId + "/invoices", token, null).body());
        assertEquals(4, invoices.get("items").size());
        invoices.get("items").forEach(invoice -> assertTrue(invoice.get("number").asText().matches("INV-00000[1-4]")));
        List<SentEmail> posted = local.awaitEmails(email -> email.text().contains(runId) && email.subject().contains("posted"), 1, PATIENCE);
        assertEquals(1, posted.size());
        assertEquals(List.of(Tenants.INITIATOR), posted.getFirst().to());
        assertEquals(1, local.awaitEmails(email -> email.to().contains("us-1@customer.example"), 1, PATIENCE).size());
        assertTrue(local.awaitEmails(email -> email.to().contains("us-1@customer.example"), 1, PATIENCE).getFirst()
                .subject().contains("USD 157.14"));
    }

    @Test
    void whenTheTableIsUnavailableTheRunEndsInErrorAndTheInitiatorIsToldWhy() throws Exception {
        Tenants tenant = Tenants.fresh(local, "e2e-error");
        tenant.monthly("A1", "USD", "10.00");
        String token = local.token(tenant.tenantId(), Tenants.INITIATOR, "billing/write", "billing/read");
        // The API stores the run; then DynamoDB goes away and Prepare is the first to find out (the error as Lambda reports it).
        local.injectFault(tenant.tenantId(), new LocalBillrun.Fault("PrepareFunction", "com.billrun.store.TransientStoreException",
                "DynamoDB is unreachable: Unable to execute HTTP request: Connection refused"));
        var accepted = local.call("POST", "/bill-runs", token, "{\"targetDate\":\"2026-12-01\"}");
        String runId = LocalBillrun.json(accepted.body()).get("id").asText();

        Execution execution = local.awaitExecution("BillRunStateMachine", runId, PATIENCE);

        assertEquals(ExecutionStatus.FAILED, execution.status());
        assertEquals("BillRunError", execution.error());
        BillRun run = local.store().billRuns().get(tenant.tenantId(), runId);
        assertEquals(BillRunStatus.ERROR, run.status());
        assertTrue(run.errorCause().contains("DynamoDB is unreachable"), run.errorCause());
        SentEmail email = local.awaitEmails(e -> e.text().contains(runId), 1, PATIENCE).getFirst();
        assertEquals("Bill run %s failed".formatted(run.number()), email.subject());
        assertTrue(email.text().contains("DynamoDB is unreachable"), email.text());
    }

    private void account(String token, String id, String currency, String taxRate, String price) {
        var account = local.call("POST", "/accounts", token, """
                {"id":"%s","name":"Customer %s","billToEmail":"%s@customer.example","currency":"%s","billCycleDay":1,"taxRate":"%s"}"""
                .formatted(id, id, id.toLowerCase(), currency, taxRate));
        assertEquals(201, account.statusCode(), account.body());
        var subscription = local.call("POST", "/accounts/" + id + "/subscriptions", token, """
                {"startDate":"2026-12-01","charges":[{"name":"Monthly plan","type":"RECURRING","model":"FLAT_FEE",
                 "price":"%s","billingPeriod":"MONTH","billingTiming":"IN_ADVANCE"}]}""".formatted(price));
        assertEquals(201, subscription.statusCode(), subscription.body());
    }

    private static Map<String, String> totals(JsonNode run) {
        Map<String, String> totals = new TreeMap<>();
        run.get("totals").properties().forEach(entry -> totals.put(entry.getKey(), entry.getValue().asText()));
        return totals;
    }
}

package com.billrun.functions.api;

import static com.billrun.functions.api.ApiFixture.allScopes;
import static com.billrun.functions.api.ApiFixture.assertProblem;
import static com.billrun.functions.api.ApiFixture.call;
import static com.billrun.functions.api.ApiFixture.ok;
import static com.billrun.functions.api.ApiFixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.functions.ApiContract.Intent;
import com.billrun.functions.api.ApiFixture.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The state rules of infra/openapi.yaml over HTTP: 409 when a resource's status or existence does not allow the
 * request, 422 for a value that breaks a rule, and Idempotency-Key replays; each refusal changes nothing.
 */
class ApiConflictTest {

    private final String tenant = ApiFixture.tenant("conflict");
    private final String token = allScopes(tenant);

    @Test
    void aCanceledRunCannotBePostedAndCancelingItAgainChangesNothing() {
        ApiFixture.createAccount(token, "A1", "USD", 1);
        ApiFixture.createMonthly(token, "A1", "S1", "2026-12-01", "10.00");
        String runId = ApiFixture.runToEnd(token, "{\"targetDate\":\"2026-12-01\"}").get("id").asText();
        assertEquals("CANCELED", ok(202, call("POST", "/bill-runs/" + runId + "/cancel", token, null)).get("status").asText());
        JsonNode invoice = ok(200, call("GET", "/bill-runs/" + runId + "/invoices", token, null)).at("/items/0");
        assertEquals("CANCELED", invoice.get("status").asText(), "its draft is canceled");
        Map<String, String> before = snapshot(tenant);

        assertProblem(409, call("POST", "/bill-runs/" + runId + "/post", token, null));
        assertEquals(before, snapshot(tenant));
        // CancelBillRun resumes an interrupted cancel, so a CANCELED run answers 202 again (the spec says 409: reported)
        assertEquals("CANCELED", ok(202, call("POST", "/bill-runs/" + runId + "/cancel", token, null)).get("status").asText());
        assertEquals(before, snapshot(tenant), "a second cancel changes nothing, not even the audit trail");
    }

    @Test
    void anIdThatExistsIs409() {
        ApiFixture.createAccount(token, "A1", "USD", 1);
        ApiFixture.createMonthly(token, "A1", "S1", "2026-12-01", "10.00");
        Map<String, String> before = snapshot(tenant);
        assertProblem(409, call("POST", "/accounts", token, """
                {"id":"A1","name":"Again","billToEmail":"a@b.example","currency":"EUR","billCycleDay":2}"""));
        assertProblem(409, call("POST", "/accounts/A1/subscriptions", token, """
                {"id":"S1","startDate":"2026-12-01","charges":[{"name":"X","type":"ONE_TIME","model":"FLAT_FEE","price":"1"}]}"""));
        assertEquals(before, snapshot(tenant));
        assertEquals("USD", ok(200, call("GET", "/accounts/A1", token, null)).get("currency").asText(), "the first account stands");
    }

    @Test
    void aPaymentToADraftInvoiceOrInAnotherScaleIsRefused() {
        ApiFixture.createAccount(token, "A1", "USD", 1);
        ApiFixture.createMonthly(token, "A1", "S1", "2026-12-01", "10.00");
        String runId = ApiFixture.runToEnd(token, "{\"targetDate\":\"2026-12-01\"}").get("id").asText();
        String draft = ok(200, call("GET", "/bill-runs/" + runId + "/invoices", token, null)).at("/items/0/id").asText();
        Map<String, String> before = snapshot(tenant);
        Answer toDraft = call("POST", "/accounts/A1/payments", token, "{\"amount\":\"1.00\",\"date\":\"2026-12-02\",\"invoiceId\":\"" + draft + "\"}");
        assertTrue(toDraft.status() == 409 || toDraft.status() == 422, toDraft::toString);
        assertProblem(toDraft.status(), toDraft);
        Answer unknown = call("POST", "/accounts/A1/payments", token, "{\"amount\":\"1.00\",\"date\":\"2026-12-02\",\"invoiceId\":\"nope\"}");
        assertTrue(unknown.status() == 404 || unknown.status() == 422, unknown::toString);
        if (unknown.status() == 422) {
            assertEquals("invoiceId", assertProblem(422, unknown).get("field").asText());
        }
        assertEquals(before, snapshot(tenant));
    }

    @Test
    void theSameIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
        String body = "{\"id\":\"IDEM\",\"name\":\"Once\",\"billToEmail\":\"once@x.example\",\"currency\":\"USD\",\"billCycleDay\":1}";
        Map<String, String> key = Map.of("Idempotency-Key", "create-IDEM-1");
        Answer first = ApiFixture.send(Intent.VALID, "POST", "/accounts", token, "application/json", body.getBytes(StandardCharsets.UTF_8), key);
        assertEquals(201, first.status(), first::toString);
        Map<String, String> after = snapshot(tenant);

        Answer replay = ApiFixture.send(Intent.VALID, "POST", "/accounts", token, "application/json", body.getBytes(StandardCharsets.UTF_8), key);
        assertEquals(201, replay.status(), "the same answer, not 409: " + replay);
        assertEquals(first.json(), replay.json());
        assertEquals("true", replay.headers().firstValue("idempotent-replayed").orElse(""), replay.headers()::toString);

        Answer other = ApiFixture.send(Intent.VALID, "POST", "/accounts", token, "application/json",
                body.replace("Once", "Twice").getBytes(StandardCharsets.UTF_8), key);
        JsonNode problem = assertProblem(422, other);
        assertTrue(problem.get("type").asText().endsWith("idempotency-key-reused"), other::toString);
        assertEquals(after, snapshot(tenant), "neither the replay nor the refusal wrote anything");

        // a run started twice with one key is one run
        Map<String, String> runKey = Map.of("Idempotency-Key", "run-2026-12");
        byte[] run = "{\"targetDate\":\"2026-12-01\",\"accountIds\":[\"IDEM\"]}".getBytes(StandardCharsets.UTF_8);
        JsonNode firstRun = ok(202, ApiFixture.send(Intent.VALID, "POST", "/bill-runs", token, "application/json", run, runKey));
        JsonNode secondRun = ok(202, ApiFixture.send(Intent.VALID, "POST", "/bill-runs", token, "application/json", run, runKey));
        assertEquals(firstRun.get("id"), secondRun.get("id"));
        ApiFixture.settled(token, firstRun.get("id").asText());
        assertEquals(1, ok(200, call("GET", "/bill-runs", token, null)).get("items").size());
    }

    /** Eight clicks on "post" at once: one posting, seven 409s, and the invoice numbered once. */
    @Test
    void concurrentPostsOfOneRunPostItOnce() throws Exception {
        ApiFixture.createAccount(token, "A1", "USD", 1);
        ApiFixture.createMonthly(token, "A1", "S1", "2026-12-01", "10.00");
        String runId = ApiFixture.runToEnd(token, "{\"targetDate\":\"2026-12-01\"}").get("id").asText();
        List<Answer> answers = concurrently(8, i -> call("POST", "/bill-runs/" + runId + "/post", token, null));
        assertEquals(1, answers.stream().filter(a -> a.status() == 202).count(), answers::toString);
        assertEquals(7, answers.stream().filter(a -> a.status() == 409).count(), answers::toString);
        ApiFixture.awaitRun(token, runId, java.util.Set.of("POSTED"));
        JsonNode invoices = ok(200, call("GET", "/bill-runs/" + runId + "/invoices", token, null));
        assertEquals("INV-000001", invoices.at("/items/0/number").asText(), invoices::toString);
    }

    /** Eight retries of one create with one Idempotency-Key at once: one run, and never a second number. */
    @Test
    void concurrentCreatesWithOneIdempotencyKeyMakeOneRun() throws Exception {
        ApiFixture.createAccount(token, "A1", "USD", 1);
        byte[] body = "{\"targetDate\":\"2026-12-01\",\"accountIds\":[\"A1\"]}".getBytes(StandardCharsets.UTF_8);
        List<Answer> answers = concurrently(8, i -> ApiFixture.send(Intent.VALID, "POST", "/bill-runs", token, "application/json", body,
                Map.of("Idempotency-Key", "month-end-click")));
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Answer answer : answers) {
            assertTrue(answer.status() == 202 || answer.status() == 409, "a replay or 'in progress', never a second run: " + answer);
            if (answer.status() == 202) {
                ids.add(answer.json().get("id").asText());
            }
        }
        assertEquals(1, ids.size(), answers::toString);
        ApiFixture.settled(token, ids.iterator().next());
        JsonNode runs = ok(200, call("GET", "/bill-runs", token, null));
        assertEquals(1, runs.get("items").size(), runs::toString);
        assertEquals("BR-00001", runs.at("/items/0/number").asText());
    }

    /** Payments racing on one invoice: every cent is accounted for, on the invoice and on the account. */
    @Test
    void concurrentPaymentsOnOneInvoiceAddUp() throws Exception {
        ApiFixture.createAccount(token, "A1", "USD", 1); // 10% tax
        ApiFixture.createMonthly(token, "A1", "S1", "2026-12-01", "100.00");
        String runId = ApiFixture.runToEnd(token, "{\"targetDate\":\"2026-12-01\"}").get("id").asText();
        ok(202, call("POST", "/bill-runs/" + runId + "/post", token, null));
        ApiFixture.awaitRun(token, runId, java.util.Set.of("POSTED"));
        String invoiceId = ok(200, call("GET", "/bill-runs/" + runId + "/invoices", token, null)).at("/items/0/id").asText();
        List<Answer> answers = concurrently(8, i -> call("POST", "/accounts/A1/payments", token,
                "{\"amount\":\"10.00\",\"date\":\"2026-12-0" + (i + 1) + "\",\"invoiceId\":\"" + invoiceId + "\"}"));
        long paid = answers.stream().filter(a -> a.status() == 201).count();
        assertTrue(paid >= 1, answers::toString);
        for (Answer answer : answers) {
            assertTrue(answer.status() == 201 || answer.status() == 409, "applied, or a conflict to retry: " + answer);
        }
        java.math.BigDecimal expected = new java.math.BigDecimal("110.00").subtract(java.math.BigDecimal.TEN.multiply(java.math.BigDecimal.valueOf(paid)));
        JsonNode invoice = ok(200, call("GET", "/invoices/" + invoiceId, token, null));
        assertEquals(0, new java.math.BigDecimal(invoice.get("balance").asText()).compareTo(expected), paid + " payments: " + invoice);
        JsonNode account = ok(200, call("GET", "/accounts/A1", token, null));
        assertEquals(0, new java.math.BigDecimal(account.get("balance").asText()).compareTo(expected), paid + " payments: " + account);
        assertEquals(paid, ok(200, call("GET", "/accounts/A1/payments", token, null)).get("items").size());
    }

    private static List<Answer> concurrently(int count, java.util.function.IntFunction<Answer> request) throws Exception {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(count)) {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Answer>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.apply(index);
                }));
            }
            start.countDown();
            List<Answer> answers = new java.util.ArrayList<>();
            for (var future : futures) {
                answers.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return answers;
        }
    }
}

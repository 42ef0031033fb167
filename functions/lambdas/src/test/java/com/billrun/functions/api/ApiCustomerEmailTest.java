package com.billrun.functions.api;

import static com.billrun.functions.api.ApiFixture.READ;
import static com.billrun.functions.api.ApiFixture.WRITE;
import static com.billrun.functions.api.ApiFixture.assertProblem;
import static com.billrun.functions.api.ApiFixture.call;
import static com.billrun.functions.api.ApiFixture.createAccount;
import static com.billrun.functions.api.ApiFixture.createMonthly;
import static com.billrun.functions.api.ApiFixture.ok;
import static com.billrun.functions.api.ApiFixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.functions.ApiContract.Intent;
import com.billrun.functions.LocalBillrun;
import com.billrun.functions.api.ApiFixture.Answer;
import com.billrun.local.aws.SentEmail;
import com.billrun.store.NotificationLog.Delivery;
import com.billrun.store.NotificationLog.Notification;
import com.billrun.store.NotificationLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Customer emails on demand, over HTTP and through the real queue, consumer and local SES: {@code POST
 * /bill-runs/{id}/email} queues every posted invoice not emailed yet (zero totals left out when the run says so),
 * a second one queues nothing, {@code POST /invoices/{id}/email} sends one more, logged as a re-send; both need
 * {@code billing/post}, refuse what is not posted (409) and another tenant's ids (404), writing nothing.
 */
class ApiCustomerEmailTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String CONTROLLER = "controller@acme.example";

    private final String tenant = ApiFixture.tenant("email");
    private final String operator = ApiFixture.token(tenant, READ, WRITE);
    private final String controller = ApiFixture.local().token(tenant, CONTROLLER, READ, ApiFixture.POST);

    @Test
    void aPostedRunIsEmailedOnceOnDemandAndAnInvoiceCanBeSentAgain() throws Exception {
        String first = tenant.toLowerCase() + "-a1";
        String second = tenant.toLowerCase() + "-a2";
        String free = tenant.toLowerCase() + "-free";
        for (String[] account : new String[][] {{first, "145.16"}, {second, "20.00"}, {free, "0.00"}}) {
            createAccount(operator, account[0], "USD", 1);
            createMonthly(operator, account[0], "S-" + account[0], "2026-12-01", account[1]);
        }
        JsonNode run = ApiFixture.runToEnd(operator, "{\"targetDate\":\"2026-12-01\",\"noEmailForZeroAmountInvoice\":true}");
        String runId = run.get("id").asText();
        assertEquals("COMPLETED", run.get("status").asText(), run::toString);

        // not POSTED yet: the run and its drafts are refused, nothing written, nothing sent
        Map<String, String> before = snapshot(tenant);
        assertTrue(assertProblem(409, call("POST", "/bill-runs/" + runId + "/email", controller, null))
                .path("detail").asText().contains("COMPLETED"));
        String draftId = invoiceOf(runId, first);
        assertTrue(assertProblem(409, call("POST", "/invoices/" + draftId + "/email", controller, null))
                .path("detail").asText().contains("DRAFT"));
        assertEquals(before, snapshot(tenant), "a 409 writes nothing");

        ok(202, call("POST", "/bill-runs/" + runId + "/post", controller, null));
        ApiFixture.awaitRun(operator, runId, Set.of("POSTED"));
        ApiFixture.local().awaitExecution("PostRunStateMachine", runId + "-post-1", PATIENCE);
        assertEquals(List.of(), ApiFixture.local().emailsTo(first + "@customer.example"), "the run did not ask for autoEmail");

        // the run's emails, on demand
        JsonNode queued = ok(202, call("POST", "/bill-runs/" + runId + "/email", controller, null));
        assertEquals(runId, queued.get("billRunId").asText());
        assertEquals(2, queued.get("queued").asInt(), queued::toString);
        assertEquals(0, queued.get("alreadyEmailed").asInt(), queued::toString);
        assertEquals(1, queued.get("zeroAmountSkipped").asInt(), queued::toString);
        String invoiceId = invoiceOf(runId, first);
        String number = ok(200, call("GET", "/invoices/" + invoiceId, operator, null)).get("number").asText();
        SentEmail sent = ApiFixture.local().awaitEmails(email -> email.to().contains(first + "@customer.example"), 1, PATIENCE).getFirst();
        assertEquals("Invoice " + number + ": USD 159.68 due 2026-12-31", sent.subject());
        JsonNode pdf = attachments(sent).get(0);
        assertEquals(number + ".pdf", pdf.path("filename").asText(), pdf::toString);
        assertEquals("application/pdf", pdf.path("contentType").asText());
        assertTrue(new String(Base64.getDecoder().decode(pdf.path("content").asText()), StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
        ApiFixture.local().awaitEmails(email -> email.to().contains(second + "@customer.example"), 1, PATIENCE);
        awaitSent(runId, 2);

        // asked again: everything posted is emailed already, nothing is queued
        JsonNode again = ok(202, call("POST", "/bill-runs/" + runId + "/email", controller, null));
        assertEquals(0, again.get("queued").asInt(), again::toString);
        assertEquals(2, again.get("alreadyEmailed").asInt(), again::toString);
        assertEquals(1, again.get("zeroAmountSkipped").asInt(), again::toString);

        // one invoice sent again: one more email, a copy, logged as a re-send by whom and when
        Map<String, String> key = Map.of("idempotency-key", "resend-" + invoiceId);
        JsonNode resend = ok(202, ApiFixture.send(Intent.VALID, "POST", "/invoices/" + invoiceId + "/email", controller, null, null, key));
        assertEquals(invoiceId, resend.get("invoiceId").asText());
        assertEquals(runId, resend.get("billRunId").asText());
        assertEquals(CONTROLLER, resend.get("requestedBy").asText());
        List<SentEmail> toFirst = ApiFixture.local().awaitEmails(email -> email.to().contains(first + "@customer.example"), 2, PATIENCE);
        assertEquals(2, toFirst.size());
        assertEquals("Copy of invoice " + number + ": USD 159.68 due 2026-12-31", toFirst.get(1).subject());
        assertEquals(number + ".pdf", attachments(toFirst.get(1)).get(0).path("filename").asText());
        Notification logged = awaitSent(runId, 3).stream()
                .filter(notification -> notification.subject().equals("INVOICE-" + invoiceId + "-RESEND-" + resend.get("resendId").asText()))
                .findFirst().orElseThrow();
        assertEquals(first + "@customer.example", logged.recipient());
        assertNotNull(logged.resend(), "the log says it is a re-send");
        assertEquals("INVOICE-" + invoiceId, logged.resend().resendOf());
        assertEquals(CONTROLLER, logged.resend().requestedBy());
        assertEquals(Instant.parse(resend.get("requestedAt").asText()), logged.resend().requestedAt());
        assertNull(log().find(tenant, runId, "INVOICE-" + invoiceId, first + "@customer.example").orElseThrow().resend(),
                "the first email is not a re-send");

        // the same request with its Idempotency-Key is a replay and queues nothing; a new request sends one more
        Answer replay = ApiFixture.send(Intent.VALID, "POST", "/invoices/" + invoiceId + "/email", controller, null, null, key);
        assertEquals(resend, ok(202, replay));
        assertEquals("true", replay.headers().firstValue("idempotent-replayed").orElse(""), replay::toString);
        ok(202, call("POST", "/invoices/" + invoiceId + "/email", controller, null));
        assertEquals(3, ApiFixture.local().awaitEmails(email -> email.to().contains(first + "@customer.example"), 3, PATIENCE).size());
        assertEquals(2, awaitSent(runId, 4).stream().filter(notification -> notification.resend() != null).count(),
                "two re-sends asked for, two logged: the replay sent nothing");

        assertEquals(List.of(), ApiFixture.local().emailsTo(free + "@customer.example"), "a zero-total invoice is left out");
        assertEquals(1, ApiFixture.local().emailsTo(second + "@customer.example").size());
        assertEquals("POSTED", ok(200, call("GET", "/bill-runs/" + runId, operator, null)).get("status").asText(),
                "emailing leaves the run as it was");
    }

    @Test
    void aRunThatEmailedItsInvoicesWhilePostingHasNothingLeftToEmail() throws Exception {
        String customer = tenant.toLowerCase() + "-auto";
        createAccount(operator, customer, "USD", 1);
        createMonthly(operator, customer, "S-" + customer, "2026-12-01", "10.00");
        JsonNode run = ApiFixture.runToEnd(ApiFixture.allScopes(tenant),
                "{\"targetDate\":\"2026-12-01\",\"autoPost\":true,\"autoEmail\":true}");
        assertEquals("POSTED", run.get("status").asText(), run::toString);
        String runId = run.get("id").asText();
        ApiFixture.local().awaitEmails(email -> email.to().contains(customer + "@customer.example"), 1, PATIENCE);
        awaitSent(runId, 1);

        JsonNode queued = ok(202, call("POST", "/bill-runs/" + runId + "/email", controller, null));
        assertEquals(0, queued.get("queued").asInt(), queued::toString);
        assertEquals(1, queued.get("alreadyEmailed").asInt(), queued::toString);
    }

    @Test
    void emailingNeedsBillingPostAnAnotherTenantsIdsAre404AndNothingIsWritten() {
        createAccount(operator, "E1", "USD", 1);
        createMonthly(operator, "E1", "S-E1", "2026-12-01", "10.00");
        String runId = ApiFixture.runToEnd(operator, "{\"targetDate\":\"2026-12-01\"}").get("id").asText();
        String invoiceId = invoiceOf(runId, "E1");
        Map<String, String> before = snapshot(tenant);

        for (String path : List.of("/bill-runs/" + runId + "/email", "/invoices/" + invoiceId + "/email")) {
            JsonNode forbidden = assertProblem(403, call("POST", path, operator, null));
            assertTrue(forbidden.path("detail").asText().contains("billing/post"), forbidden::toString);
            String intruder = ApiFixture.tenant("email-intruder");
            assertProblem(404, call("POST", path, ApiFixture.allScopes(intruder), null));
            assertEquals(0, ApiFixture.itemCount(intruder));
        }
        assertProblem(404, call("POST", "/bill-runs/no-such-run/email", controller, null));
        assertProblem(404, call("POST", "/invoices/no-such-invoice/email", controller, null));
        assertEquals(before, snapshot(tenant), "refusals write nothing");

        // a canceled invoice is never emailed
        ok(202, call("POST", "/bill-runs/" + runId + "/cancel", operator, null));
        assertTrue(assertProblem(409, call("POST", "/invoices/" + invoiceId + "/email", controller, null))
                .path("detail").asText().contains("CANCELED"));
        assertProblem(409, call("POST", "/bill-runs/" + runId + "/email", controller, null));
    }

    private String invoiceOf(String runId, String accountId) {
        for (JsonNode invoice : ok(200, call("GET", "/bill-runs/" + runId + "/invoices", operator, null)).get("items")) {
            if (invoice.get("accountId").asText().equals(accountId)) {
                return invoice.get("id").asText();
            }
        }
        throw new AssertionError("no invoice of " + accountId + " in run " + runId);
    }

    private NotificationLog log() {
        return new NotificationLog(ApiFixture.local().store().table(), Clock.systemUTC());
    }

    /** The run's customer-email records once {@code count} of them say SENT (the consumer records SENT after SES). */
    private List<Notification> awaitSent(String runId, int count) {
        Instant deadline = Instant.now().plus(PATIENCE);
        List<Notification> records;
        do {
            records = log().ofRun(tenant, runId, "INVOICE-");
            if (records.stream().filter(record -> record.delivery() == Delivery.SENT).count() >= count) {
                return records;
            }
            ApiFixture.sleep(50);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("fewer than " + count + " customer emails recorded SENT: " + records);
    }

    /** The SES stand-in keeps attachments in its store ({@code GET /store}), which SentEmail does not carry. */
    private static JsonNode attachments(SentEmail email) throws Exception {
        LocalBillrun local = ApiFixture.local();
        String store = HttpClient.newHttpClient().send(HttpRequest.newBuilder(local.stack().sesEndpoint().resolve("/store")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (JsonNode stored : LocalBillrun.json(store).path("emails")) {
            if (stored.path("messageId").asText().equals(email.messageId())) {
                return stored.path("attachments");
            }
        }
        throw new AssertionError("email " + email.messageId() + " not in the SES store");
    }
}

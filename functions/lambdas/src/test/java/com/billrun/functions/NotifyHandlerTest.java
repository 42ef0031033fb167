package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.billrun.store.RunOptionsBuilder;

import com.billrun.functions.notify.NotifyHandler;
import com.billrun.local.aws.SentEmail;
import com.billrun.local.lambda.Invocation;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunStatus;
import com.billrun.store.NotificationLog.Delivery;
import com.billrun.store.NotificationLog;
import com.billrun.store.RunChange;
import com.billrun.usecases.billrun.MarkBillRunError;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The notify function: the initiator's email per run event, read back from the SES stand-in; once; never thrown. */
class NotifyHandlerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final LocalBillrun local = LocalBillrun.get();

    @Test
    void completedEmailHasTheCountsTheTotalsPerCurrencyAndTheFailedAccountWithItsReason() throws Exception {
        Tenants tenant = Tenants.fresh(local, "notify-completed");
        tenant.monthly("A1", "USD", "145.16");
        tenant.monthly("A2", "KWD", "12.345");
        tenant.broken("A3");
        BillRun run = tenant.completedRun();

        String first = notify(tenant, run, "COMPLETED", null);
        String second = notify(tenant, run, "COMPLETED", null);

        SentEmail email = onlyEmail(run);
        assertEquals(List.of("SENT", "ALREADY_SENT"), List.of(first, second));
        assertEquals(List.of(Tenants.INITIATOR), email.to());
        assertEquals("Bill run %s completed: 2 invoices, 1 failed accounts".formatted(run.number()), email.subject());
        assertContains(email.text(), "Invoices generated: 2", "Failed accounts:    1", "KWD 12.345", "USD 145.16",
                "A3 / subscription S-A3: charges[0].quantity", "/bill-runs/" + run.id());
    }

    @Test
    void errorEmailCarriesTheCause() throws Exception {
        Tenants tenant = Tenants.fresh(local, "notify-error");
        tenant.monthly("A1", "USD", "1.00");
        BillRun run = tenant.processingRun();
        new MarkBillRunError(local.store().billRuns(), local.store().batches()).mark(tenant.tenantId(), run.id(), MarkBillRunError.Phase.GENERATE,
                "com.billrun.store.TransientStoreException: DynamoDB is unreachable");

        String outcome = notify(tenant, run, "ERROR", Map.of("Error", "com.billrun.store.TransientStoreException",
                "Cause", "{\"errorMessage\":\"DynamoDB is unreachable\"}"));

        SentEmail email = onlyEmail(run);
        assertEquals("SENT", outcome);
        assertEquals("Bill run %s failed".formatted(run.number()), email.subject());
        assertContains(email.text(), "ended in ERROR", "DynamoDB is unreachable");
    }

    @Test
    void postedEmailSaysTheInvoicesAreFinal() throws Exception {
        Tenants tenant = Tenants.fresh(local, "notify-posted");
        tenant.monthly("A1", "EUR", "20.00");
        BillRun run = tenant.completedRun();
        local.invokeFunction("PostFunction", Tenants.task(tenant.tenantId(), run.id()));

        notify(tenant, run, "POSTED", null);

        SentEmail email = onlyEmail(run);
        assertEquals("Bill run %s posted: 1 invoices".formatted(run.number()), email.subject());
        assertContains(email.text(), "is POSTED", "EUR 20.00");
    }

    @Test
    void aCompletedNotificationAfterAFailedAutoPostSaysThePostFailed() throws Exception {
        Tenants tenant = Tenants.fresh(local, "notify-autopost");
        tenant.monthly("A1", "USD", "3.00");
        BillRun run = tenant.completedRun(RunOptionsBuilder.on(Tenants.DECEMBER_1).autoPost().build());
        local.store().billRuns().transition(tenant.tenantId(), run.id(), Set.of(BillRunStatus.COMPLETED), BillRunStatus.COMPLETED,
                RunChange.none().errorCause("posting failed: invoice X cannot be posted: its account A1 does not exist"));

        notify(tenant, run, "COMPLETED", null);

        SentEmail email = onlyEmail(run);
        assertEquals("Posting bill run %s failed".formatted(run.number()), email.subject());
        assertContains(email.text(), "back to COMPLETED", "its account A1 does not exist");
    }

    @Test
    void anSesOutageIsRecordedAndAnsweredNeverThrown() throws Exception {
        Tenants tenant = Tenants.fresh(local, "notify-ses-down");
        tenant.monthly("A1", "USD", "5.00");
        BillRun run = tenant.completedRun();
        Map<String, String> env = new HashMap<>(local.runtime().runner().spec("NotifyFunction").env());
        env.put("AWS_ENDPOINT_URL_SESV2", "http://127.0.0.1:" + closedPort());

        Object answer = new NotifyHandler(env).handle(Map.of("tenantId", tenant.tenantId(), "billRunId", run.id(),
                "event", "COMPLETED"), null);

        assertEquals(Map.of("notification", "FAILED"), answer);
        var record = new NotificationLog(local.store().table(), Clock.systemUTC())
                .find(tenant.tenantId(), run.id(), "COMPLETED", Tenants.INITIATOR).orElseThrow();
        assertEquals(Delivery.FAILED, record.delivery());
        assertEquals(3, record.attempts());
        assertTrue(record.error().contains("SES"), record.error());
        assertEquals(List.of(), emails(run));
    }

    private String notify(Tenants tenant, BillRun run, String event, Map<String, String> error) {
        var payload = JSON.createObjectNode().put("tenantId", tenant.tenantId()).put("billRunId", run.id()).put("event", event);
        if (error != null) {
            payload.putObject("error").put("Error", error.get("Error")).put("Cause", error.get("Cause"));
        }
        Invocation invocation = local.invokeFunction("NotifyFunction", payload.toString());
        assertTrue(!invocation.failed(), () -> "notify failed: " + invocation.error());
        return LocalBillrun.json(invocation.payloadText()).get("notification").asText();
    }

    private SentEmail onlyEmail(BillRun run) throws InterruptedException {
        List<SentEmail> emails = local.awaitEmails(email -> email.subject().contains(run.number())
                && email.text().contains(run.id()), 1, PATIENCE);
        Thread.sleep(200); // a second email, if one were (wrongly) sent, would be there by now
        assertEquals(1, emails(run).size(), () -> "emails: " + emails(run));
        return emails.getFirst();
    }

    private List<SentEmail> emails(BillRun run) {
        return local.stack().mailbox().sentEmails().stream().filter(email -> email.text() != null && email.text().contains(run.id())).toList();
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "\"" + part + "\" missing from:\n" + text);
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package com.billrun.local.demo;

import com.billrun.local.aws.SentEmail;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./billrun demo}: a sample tenant of a few hundred accounts billed by the real state machine on the local
 * runtime, posted, and every step printed: the statuses as the portal sees them, counts, totals per currency, the
 * failed account and why, and the emails the local SES captured.
 */
final class BillRunDemo {

    static final String TENANT = "acme";
    static final String USER = "ana@acme.example";
    private static final int ACCOUNTS = 300;
    /** Four batches of the 301 accounts, so that the run's progress shows batch by batch. */
    private static final int BATCH_SIZE = 80;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private final LocalBillrunApp app;
    private final PrintStream out;
    private final long started = System.nanoTime();

    private BillRunDemo(LocalBillrunApp app, PrintStream out) {
        this.app = app;
        this.out = out;
    }

    /** @return 0 when the run ended POSTED */
    static int run(PrintStream out) throws InterruptedException {
        out.println("Billrun demo: one bill run on the local runtime (DynamoDB Local, ElasticMQ, SES stand-in, local Step Functions)");
        try (LocalBillrunApp app = new LocalBillrunApp(TENANT, USER, Map.of("AccountBatchSize", BATCH_SIZE))) {
            return new BillRunDemo(app, out).journey();
        }
    }

    private int journey() throws InterruptedException {
        out.printf("stack up in %.1f s; API %s; SES mailbox %s%n", app.stack().startupTime().toMillis() / 1e3,
                app.apiUrl(), app.stack().mailPage());
        new SampleTenant(app.store(), TENANT).seed(ACCOUNTS, true);
        out.printf("%nseeded tenant '%s': %d accounts in USD, EUR, JPY and KWD, bill cycle days 1 and 15, monthly plans,"
                + " setup fees, November usage, discounts, a few free plans, and %s (broken tiers, from a migration)%n",
                TENANT, ACCOUNTS + 1, SampleTenant.BROKEN_ACCOUNT);

        String body = "{\"targetDate\":\"%s\",\"autoEmail\":true,\"noEmailForZeroAmountInvoice\":true}".formatted(SampleTenant.TARGET_DATE);
        var created = app.call("POST", "/bill-runs", body);
        String runId = created.body().path("id").asText();
        out.printf("%nPOST /bill-runs %s%n  -> %d %s%n", body, created.status(), created.body());
        JsonNode completed = app.awaitStatus(runId, PATIENCE, this::printStatus, "COMPLETED", "ERROR");
        printRun(completed);
        printFailures(runId);

        var posting = app.call("POST", "/bill-runs/" + runId + "/post", null);
        out.printf("%nPOST /bill-runs/%s/post%n  -> %d %s%n", runId, posting.status(), posting.body());
        JsonNode posted = app.awaitStatus(runId, PATIENCE, this::printStatus, "POSTED", "COMPLETED");
        printInvoices(runId);
        int customerEmails = expectedCustomerEmails(runId);
        boolean everyEmail = printEmails(completed.path("number").asText(), customerEmails);
        out.printf("%ndemo done in %.1f s%n", seconds());
        return "POSTED".equals(posted.path("status").asText()) && everyEmail ? 0 : 1;
    }

    /** E.g. "BR-00001 PROCESSING 2/4 batches, 160 accounts, 159 invoices, 1 failed", as GET /bill-runs/{id} shows it. */
    private void printStatus(JsonNode run) {
        String status = run.path("status").asText();
        String progress = switch (status) {
            case "PROCESSING" -> !run.has("batchCount") ? " selecting the accounts"
                    : " %d/%d batches, %d accounts, %d invoices, %d failed".formatted(run.path("batchesDone").asInt(),
                    run.get("batchCount").asInt(), run.at("/counts/accountsProcessed").asLong(),
                    run.at("/counts/invoicesGenerated").asLong(), run.at("/counts/failedAccounts").asLong());
            case "POST_IN_PROGRESS" -> " %d/%d invoices posted".formatted(run.path("invoicesPosted").asLong(),
                    run.at("/counts/invoicesGenerated").asLong());
            default -> "";
        };
        out.printf("  %6.1f s  %s %s%s%n", seconds(), run.path("number").asText(), status, progress);
    }

    private void printRun(JsonNode run) {
        JsonNode counts = run.path("counts");
        out.printf("  %s: accounts selected %d, processed %d, invoices %d, failed accounts %d, hasErrors %s%n",
                run.path("number").asText(), counts.path("accountsSelected").asLong(), counts.path("accountsProcessed").asLong(),
                counts.path("invoicesGenerated").asLong(), counts.path("failedAccounts").asLong(), run.path("hasErrors").asBoolean());
        List<String> totals = new ArrayList<>();
        run.path("totals").properties().forEach(total -> totals.add(total.getKey() + " " + total.getValue().asText()));
        out.println("  totals per currency: " + String.join(", ", totals));
    }

    private void printFailures(String runId) {
        JsonNode failures = app.call("GET", "/bill-runs/" + runId + "/failures", null).body().path("items");
        failures.forEach(failure -> out.printf("  failed: %s / %s: %s: %s%n", failure.path("accountId").asText(),
                failure.path("subscriptionId").asText("-"), failure.path("field").asText(""), failure.path("reason").asText()));
    }

    private void printInvoices(String runId) {
        JsonNode page = app.call("GET", "/bill-runs/" + runId + "/invoices?limit=3", null).body().path("items");
        out.println("  first invoices (GET /bill-runs/{id}/invoices):");
        page.forEach(invoice -> out.printf("    %s %s %s %s %s, %d lines, due %s%n", invoice.path("number").asText(),
                invoice.path("accountId").asText(), invoice.path("status").asText(), invoice.path("currency").asText(),
                invoice.path("total").asText(), invoice.path("items").size(), invoice.path("dueDate").asText()));
    }

    /** Posted invoices with a non-zero total: the run asked to skip the zero ones. */
    private int expectedCustomerEmails(String runId) {
        int count = 0;
        String cursor = "";
        do {
            var answer = app.call("GET", "/bill-runs/" + runId + "/invoices?limit=100" + cursor, null);
            if (answer.status() != 200) {
                throw new IllegalStateException("GET /bill-runs/{id}/invoices: " + answer.status() + " " + answer.body());
            }
            JsonNode page = answer.body();
            for (JsonNode invoice : page.path("items")) {
                if (new BigDecimal(invoice.path("total").asText()).signum() != 0) {
                    count++;
                }
            }
            cursor = page.hasNonNull("nextCursor") ? "&cursor=" + page.path("nextCursor").asText() : "";
        } while (!cursor.isEmpty());
        return count;
    }

    /** @return whether the initiator's two emails and every customer email arrived */
    private boolean printEmails(String runNumber, int customerEmails) throws InterruptedException {
        List<SentEmail> toUser = app.awaitEmails(email -> email.to().contains(USER), 2, PATIENCE);
        List<SentEmail> toCustomers = app.awaitEmails(email -> email.subject().startsWith("Invoice INV-"), customerEmails, PATIENCE);
        out.printf("%nemails captured by the local SES (%s):%n", app.stack().mailPage());
        for (SentEmail email : toUser) {
            out.printf("  to %s: \"%s\"%n", String.join(",", email.to()), email.subject());
            email.text().lines().filter(line -> !line.isBlank()).limit(16).forEach(line -> out.println("  | " + line));
        }
        out.printf("  %d customer invoice emails (expected %d; zero-amount invoices skipped), e.g.:%n",
                toCustomers.size(), customerEmails);
        toCustomers.stream().limit(3).forEach(email -> out.printf("  to %s: \"%s\"%n",
                String.join(",", email.to()), email.subject()));
        return toCustomers.size() == customerEmails
                && toUser.stream().filter(email -> email.subject().contains(runNumber)).count() == 2;
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}

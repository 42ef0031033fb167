package com.billrun.functions.api;

import static com.billrun.functions.api.ApiFixture.POST;
import static com.billrun.functions.api.ApiFixture.READ;
import static com.billrun.functions.api.ApiFixture.WRITE;
import static com.billrun.functions.api.ApiFixture.assertProblem;
import static com.billrun.functions.api.ApiFixture.call;
import static com.billrun.functions.api.ApiFixture.offSpec;
import static com.billrun.functions.api.ApiFixture.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.functions.api.ApiFixture.Answer;
import com.billrun.local.aws.SentEmail;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Corrections after posting, over HTTP only (infra/openapi.yaml): void (with and without rebill), credit notes
 * (numbers, lines, tax, balances, account credit, PDF, email), account credit (from credit notes, overpayments and
 * credit invoices) consumed by the next run's invoice at posting, the account's activity, numbering settings,
 * scopes, tenancy and bad input.
 */
class ApiCorrectionsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String tenant = ApiFixture.tenant("corrections");
    private final String token = ApiFixture.allScopes(tenant);

    @Test
    void creditNotesLowerTheBalanceTheRestBecomesCreditConsumedByTheNextInvoiceAtPosting() throws Exception {
        ApiFixture.createAccount(token, "CN1", "USD", 1); // tax 10 %
        ApiFixture.createMonthly(token, "CN1", "CN1-S", "2026-12-01", "100.00");
        JsonNode invoice = postedInvoice("CN1", "2026-12-01");
        String invoiceId = invoice.get("id").asText();
        assertEquals("110.00", invoice.get("total").asText(), invoice::toString);
        assertEquals("1", invoice.at("/items/0/lineId").asText(), invoice::toString);
        assertEquals("0.00", invoice.at("/items/0/credited").asText(), invoice::toString);

        // partial credit note: 40.00 of line 1 and its 10 % tax
        JsonNode first = ok(201, call("POST", "/invoices/" + invoiceId + "/credit-notes", token,
                "{\"reason\":\"Service outage\",\"lines\":[{\"lineId\":\"1\",\"amount\":\"40.00\"}]}"));
        assertEquals("CN-000001", first.get("number").asText(), first::toString);
        assertEquals("40.00", first.get("subtotal").asText());
        assertEquals("4.00", first.get("taxTotal").asText());
        assertEquals("44.00", first.get("total").asText());
        assertEquals("44.00", first.get("appliedToInvoice").asText());
        assertEquals("0.00", first.get("toAccountCredit").asText());
        JsonNode credited = ok(200, call("GET", "/invoices/" + invoiceId, token, null));
        assertEquals("66.00", credited.get("balance").asText(), credited::toString);
        assertEquals("40.00", credited.at("/items/0/credited").asText(), credited::toString);
        assertEquals("66.00", account("CN1").get("balance").asText());

        // the customer pays the rest; then the whole rest is credited: it exceeds the balance (0) and becomes credit
        ok(201, call("POST", "/accounts/CN1/payments", token, "{\"amount\":\"66.00\",\"date\":\"2026-12-10\"}"));
        JsonNode second = ok(201, call("POST", "/invoices/" + invoiceId + "/credit-notes", token, "{\"reason\":\"Goodwill\"}"));
        assertEquals("CN-000002", second.get("number").asText(), second::toString);
        assertEquals("60.00", second.get("subtotal").asText());
        assertEquals("6.00", second.get("taxTotal").asText());
        assertEquals("66.00", second.get("total").asText());
        assertEquals("0.00", second.get("appliedToInvoice").asText());
        assertEquals("66.00", second.get("toAccountCredit").asText());
        assertEquals("-66.00", account("CN1").get("balance").asText());
        JsonNode fullyCredited = ok(200, call("GET", "/invoices/" + invoiceId, token, null));
        assertEquals("100.00", fullyCredited.at("/items/0/credited").asText(), fullyCredited::toString);
        assertEquals("0.00", fullyCredited.get("balance").asText());

        // nothing is left to credit: refused naming the field, nothing written
        Map<String, String> before = ApiFixture.snapshot(tenant);
        JsonNode nothingLeft = assertProblem(422, call("POST", "/invoices/" + invoiceId + "/credit-notes", token,
                "{\"reason\":\"Again\",\"lines\":[{\"lineId\":\"1\",\"amount\":\"0.01\"}]}"));
        assertEquals("lines[0].amount", nothingLeft.path("field").asText(), nothingLeft::toString);
        assertEquals(before, ApiFixture.snapshot(tenant));

        // listings
        assertEquals(2, ok(200, call("GET", "/invoices/" + invoiceId + "/credit-notes", token, null)).get("items").size());
        JsonNode ofAccount = ok(200, call("GET", "/accounts/CN1/credit-notes", token, null));
        assertEquals(2, ofAccount.get("items").size());
        assertEquals(first.get("id"), ok(200, call("GET", "/credit-notes/" + first.get("id").asText(), token, null)).get("id"));

        // the PDF and the customer's email
        Answer pdf = call("GET", "/credit-notes/" + first.get("id").asText() + "/pdf", token, null);
        assertEquals(200, pdf.status(), pdf::toString);
        assertEquals("application/pdf", pdf.contentType());
        String text;
        try (PDDocument document = Loader.loadPDF(pdf.bytes())) {
            text = new PDFTextStripper().getText(document);
        }
        for (String expected : List.of("CN-000001", invoice.get("number").asText(), "Customer CN1", "Service outage",
                "Monthly plan", "40.00", "4.00", "44.00")) {
            assertTrue(text.contains(expected), "the PDF shows " + expected + ":\n" + text);
        }
        List<SentEmail> emails = ApiFixture.local().awaitEmails(email -> email.to().contains("cn1@customer.example")
                && email.subject().startsWith("Credit note"), 2, PATIENCE);
        assertEquals(Set.of("CN-000001", "CN-000002"), Set.of(emails.get(0).subject().split(" ")[2],
                emails.get(1).subject().split(" ")[2]), emails::toString);

        // a prefix change applies to the next number given; the next run's invoice takes the 66.00 credit at posting
        ok(200, call("PUT", "/settings", token, """
                {"prorationMethod":"ACTUAL_DAYS","roundingMode":"HALF_UP","invoiceNumberPrefix":"F/","numberDigits":4}"""));
        JsonNode next = postedInvoice("CN1", "2027-01-01");
        assertEquals("F/0002", next.get("number").asText(), next::toString);
        assertEquals("110.00", next.get("total").asText());
        assertEquals("44.00", next.get("balance").asText(), next::toString);
        assertEquals("66.00", next.at("/creditApplications/0/amount").asText(), next::toString);
        assertEquals("CREDIT_NOTE", next.at("/creditApplications/0/source").asText());
        assertEquals(second.get("id").asText(), next.at("/creditApplications/0/sourceId").asText());
        assertEquals("44.00", account("CN1").get("balance").asText());
        assertEquals(invoice.get("number").asText(), ok(200, call("GET", "/invoices/" + invoiceId, token, null))
                .get("number").asText(), "a number given never changes");

        // the statement: every document in date order (credit notes and the application are dated the day they were
        // made), each balance the one before plus its change, ending at the account's balance
        List<JsonNode> entries = new ArrayList<>();
        JsonNode activity = ok(200, call("GET", "/accounts/CN1/activity?limit=3", token, null));
        activity.get("items").forEach(entries::add);
        JsonNode rest = ok(200, call("GET", "/accounts/CN1/activity?cursor=" + activity.get("nextCursor").asText(), token, null));
        rest.get("items").forEach(entries::add);
        assertTrue(rest.get("nextCursor").isNull(), rest::toString);
        List<String> kinds = new ArrayList<>();
        java.math.BigDecimal running = java.math.BigDecimal.ZERO;
        String previousDate = "";
        for (JsonNode entry : entries) {
            kinds.add(entry.get("kind").asText() + " " + entry.get("amount").asText() + " " + entry.get("balanceChange").asText());
            running = running.add(new java.math.BigDecimal(entry.get("balanceChange").asText()));
            assertEquals(0, running.compareTo(new java.math.BigDecimal(entry.get("balance").asText())), entries::toString);
            assertTrue(entry.get("date").asText().compareTo(previousDate) >= 0, entries::toString);
            previousDate = entry.get("date").asText();
        }
        assertEquals(Set.of("INVOICE 110.00 110.00", "CREDIT_NOTE 44.00 -44.00", "PAYMENT 66.00 -66.00",
                "CREDIT_NOTE 66.00 -66.00", "CREDIT_APPLIED 66.00 0.00"), Set.copyOf(kinds), kinds::toString);
        assertEquals(6, kinds.size(), kinds::toString);
        assertEquals("44.00", entries.getLast().get("balance").asText(), entries::toString);
    }

    @Test
    void overpaymentBecomesCreditTheNextInvoiceTakes() {
        ApiFixture.createAccount(token, "OVER", "USD", 1);
        ApiFixture.createMonthly(token, "OVER", "OVER-S", "2026-12-01", "100.00");
        postedInvoice("OVER", "2026-12-01");
        JsonNode paid = ok(201, call("POST", "/accounts/OVER/payments", token, "{\"amount\":\"150.00\",\"date\":\"2026-12-05\"}"));
        assertEquals("40.00", paid.get("unapplied").asText(), paid::toString);
        assertEquals("-40.00", paid.get("accountBalance").asText());
        JsonNode next = postedInvoice("OVER", "2027-01-01");
        assertEquals("70.00", next.get("balance").asText(), next::toString);
        assertEquals("PAYMENT", next.at("/creditApplications/0/source").asText());
        assertEquals(paid.get("id").asText(), next.at("/creditApplications/0/sourceId").asText());
        assertEquals("70.00", account("OVER").get("balance").asText());
    }

    @Test
    void aCreditInvoicePostsWithBalanceZeroAndItsCreditIsConsumedByTheNextRunsInvoiceAtPosting() {
        ApiFixture.createAccount(token, "CI1", "USD", 1); // tax 10 %
        ApiFixture.createMonthly(token, "CI1", "CI1-S", "2026-12-01", "100.00");
        JsonNode december = postedInvoice("CI1", "2026-12-01");
        assertEquals("110.00", december.get("total").asText(), december::toString);
        ok(201, call("POST", "/accounts/CI1/payments", token, "{\"amount\":\"110.00\",\"date\":\"2026-12-05\"}"));

        // cancelled back-dated to its start: the next run credits all of December, more than it charges (nothing)
        ok(200, call("POST", "/subscriptions/CI1-S/cancel", token, "{\"effectiveDate\":\"2026-12-01\"}"));
        JsonNode credit = postedInvoice("CI1", "2027-01-01");
        String creditId = credit.get("id").asText();
        assertEquals("POSTED", credit.get("status").asText(), credit::toString);
        assertEquals("-110.00", credit.get("total").asText(), credit::toString);
        assertEquals("0.00", credit.get("balance").asText(), "a credit invoice owes nothing: " + credit);
        assertEquals("INV-000002", credit.get("number").asText(), "numbered as usual");
        assertEquals("CREDIT", credit.at("/items/0/kind").asText(), credit::toString);
        JsonNode inCredit = account("CI1");
        assertEquals("-110.00", inCredit.get("balance").asText(), "the account holds the credit: " + inCredit);
        assertEquals("ACTIVE", inCredit.get("status").asText());
        List<String> statement = new ArrayList<>();
        ok(200, call("GET", "/accounts/CI1/activity", token, null)).get("items").forEach(entry -> statement.add(
                entry.get("kind").asText() + " " + entry.get("amount").asText() + " " + entry.get("balanceChange").asText()
                        + " " + entry.get("balance").asText()));
        assertEquals(List.of("INVOICE 110.00 110.00 110.00", "PAYMENT 110.00 -110.00 0.00",
                "INVOICE 110.00 -110.00 -110.00"), statement);
        JsonNode creditEntry = ok(200, call("GET", "/accounts/CI1/activity", token, null)).at("/items/2");
        assertEquals("Credit invoice INV-000002 (to account credit)", creditEntry.get("description").asText());
        assertEquals(creditId, creditEntry.get("documentId").asText());

        // the next run's invoice takes the credit at posting
        ApiFixture.createMonthly(token, "CI1", "CI1-T", "2027-02-01", "150.00");
        JsonNode next = postedInvoice("CI1", "2027-02-01");
        assertEquals("165.00", next.get("total").asText(), next::toString);
        assertEquals("55.00", next.get("balance").asText(), next::toString);
        assertEquals(1, next.get("creditApplications").size(), next::toString);
        assertEquals("CREDIT_INVOICE", next.at("/creditApplications/0/source").asText(), next::toString);
        assertEquals(creditId, next.at("/creditApplications/0/sourceId").asText());
        assertEquals("CREDIT_INVOICE-" + creditId, next.at("/creditApplications/0/creditId").asText());
        assertEquals("110.00", next.at("/creditApplications/0/amount").asText());
        assertEquals("55.00", account("CI1").get("balance").asText(), "165.00 owed less the 110.00 credit");
        assertEquals("0.00", ok(200, call("GET", "/invoices/" + creditId, token, null)).get("balance").asText());
        JsonNode activity = ok(200, call("GET", "/accounts/CI1/activity", token, null));
        JsonNode last = activity.get("items").get(activity.get("items").size() - 1);
        assertEquals("55.00", last.get("balance").asText(), activity::toString);
        // the application is dated the day it was made (today), so its place among the dated documents varies
        List<String> entries = new ArrayList<>();
        activity.get("items").forEach(entry -> entries.add(entry.get("kind").asText() + " " + entry.get("amount").asText()
                + " " + entry.get("balanceChange").asText()));
        assertEquals(5, entries.size(), entries::toString);
        assertEquals(Set.of("INVOICE 110.00 110.00", "PAYMENT 110.00 -110.00", "INVOICE 110.00 -110.00",
                "INVOICE 165.00 165.00", "CREDIT_APPLIED 110.00 0.00"), Set.copyOf(entries), entries::toString);
    }

    @Test
    void voidSetsBalancesAndRebillBillsThePeriodAgainExactlyOnce() {
        ApiFixture.createAccount(token, "V1", "USD", 1);
        ApiFixture.createMonthly(token, "V1", "V1-S", "2026-12-01", "100.00");
        JsonNode invoice = postedInvoice("V1", "2026-12-01");
        assertEquals("110.00", account("V1").get("balance").asText());

        JsonNode voided = ok(200, call("POST", "/invoices/" + invoice.get("id").asText() + "/void", token,
                "{\"reason\":\"Billed in error\",\"rebill\":true}"));
        assertEquals("VOIDED", voided.get("status").asText(), voided::toString);
        assertEquals("0.00", voided.get("balance").asText());
        assertEquals(invoice.get("number").asText(), voided.get("number").asText(), "the number stays");
        assertTrue(voided.at("/voided/rebilled").asBoolean(), voided::toString);
        JsonNode account = account("V1");
        assertEquals("0.00", account.get("balance").asText());
        assertEquals("ACTIVE", account.get("status").asText());
        assertProblem(409, call("POST", "/invoices/" + invoice.get("id").asText() + "/void", token, "{\"reason\":\"Twice\"}"));
        assertProblem(409, call("POST", "/invoices/" + invoice.get("id").asText() + "/email", token, null));

        // the next run bills December again, once; a run after it finds nothing left
        JsonNode rebilled = postedInvoice("V1", "2026-12-01");
        assertEquals("2026-12-01", rebilled.at("/items/0/servicePeriodStart").asText(), rebilled::toString);
        assertEquals("110.00", rebilled.get("total").asText());
        JsonNode again = ApiFixture.runToEnd(token, "{\"targetDate\":\"2026-12-01\",\"accountIds\":[\"V1\"]}");
        assertEquals(0, again.at("/counts/invoicesGenerated").asInt(), again::toString);
        assertEquals("110.00", account("V1").get("balance").asText());
        List<String> kinds = new ArrayList<>();
        ok(200, call("GET", "/accounts/V1/activity", token, null)).get("items")
                .forEach(entry -> kinds.add(entry.get("kind").asText() + " " + entry.get("balance").asText()));
        assertEquals(List.of("INVOICE 110.00", "INVOICE 220.00", "VOID 110.00"), kinds);
    }

    @Test
    void rebillIsRefusedWhenALaterInvoiceBilledPastAndPaidInvoicesCannotBeVoided() {
        ApiFixture.createAccount(token, "V2", "USD", 1);
        ApiFixture.createMonthly(token, "V2", "V2-S", "2026-12-01", "100.00");
        JsonNode december = postedInvoice("V2", "2026-12-01");
        postedInvoice("V2", "2027-01-01");
        Map<String, String> before = ApiFixture.snapshot(tenant);
        JsonNode refused = assertProblem(409, call("POST", "/invoices/" + december.get("id").asText() + "/void", token,
                "{\"reason\":\"Wrong\",\"rebill\":true}"));
        assertEquals("rebill", refused.path("field").asText(), refused::toString);
        assertEquals(before, ApiFixture.snapshot(tenant), "nothing written");

        ok(201, call("POST", "/accounts/V2/payments", token, "{\"amount\":\"10.00\",\"date\":\"2027-01-05\",\"invoiceId\":\""
                + december.get("id").asText() + "\"}"));
        Map<String, String> paid = ApiFixture.snapshot(tenant);
        assertProblem(409, call("POST", "/invoices/" + december.get("id").asText() + "/void", token, "{\"reason\":\"Wrong\"}"));
        assertEquals(paid, ApiFixture.snapshot(tenant), "nothing written");
    }

    @Test
    void scopesTenancyAndBadInputWriteNothing() {
        ApiFixture.createAccount(token, "B1", "USD", 1);
        ApiFixture.createMonthly(token, "B1", "B1-S", "2026-12-01", "100.00");
        String invoiceId = postedInvoice("B1", "2026-12-01").get("id").asText();
        JsonNode note = ok(201, call("POST", "/invoices/" + invoiceId + "/credit-notes", token,
                "{\"reason\":\"Outage\",\"lines\":[{\"lineId\":\"1\",\"amount\":\"1.00\"}]}"));
        Map<String, String> before = ApiFixture.snapshot(tenant);

        String reader = ApiFixture.token(tenant, READ, WRITE);
        assertProblem(403, call("POST", "/invoices/" + invoiceId + "/void", reader, "{\"reason\":\"No\"}"));
        assertProblem(403, call("POST", "/invoices/" + invoiceId + "/credit-notes", reader, "{\"reason\":\"No\"}"));

        String other = ApiFixture.allScopes(ApiFixture.tenant("intruder"));
        assertProblem(404, call("POST", "/invoices/" + invoiceId + "/void", other, "{\"reason\":\"No\"}"));
        assertProblem(404, call("POST", "/invoices/" + invoiceId + "/credit-notes", other, "{\"reason\":\"No\"}"));
        assertProblem(404, call("GET", "/credit-notes/" + note.get("id").asText(), other, null));
        assertProblem(404, call("GET", "/credit-notes/" + note.get("id").asText() + "/pdf", other, null));
        assertProblem(404, call("GET", "/invoices/" + invoiceId + "/credit-notes", other, null));
        assertProblem(404, call("GET", "/accounts/B1/activity", other, null));

        Map<String, String> badInput = Map.of(
                "{\"reason\":\"x\",\"lines\":[{\"lineId\":\"1\",\"amount\":\"1.001\"}]}", "lines[0].amount",
                "{\"reason\":\"x\",\"lines\":[{\"lineId\":\"9\",\"amount\":\"1.00\"}]}", "lines[0].lineId",
                "{\"reason\":\"x\",\"lines\":[{\"lineId\":\"1\",\"amount\":\"-1.00\"}]}", "lines[0].amount",
                "{\"reason\":\"x\",\"lines\":[{\"lineId\":\"1\",\"amount\":\"0\"}]}", "lines[0].amount",
                "{\"reason\":\"x\",\"lines\":[{\"lineId\":\"1\",\"amount\":\"500.00\"}]}", "lines[0].amount",
                "{\"lines\":[]}", "reason");
        badInput.forEach((body, field) -> {
            Answer answer = offSpec("POST", "/invoices/" + invoiceId + "/credit-notes", token, body);
            assertTrue(answer.status() == 400 || answer.status() == 422, answer::toString);
            assertEquals(field, assertProblem(answer.status(), answer).path("field").asText(), answer::toString);
        });
        JsonNode badPrefix = assertProblem(422, offSpec("PUT", "/settings", token,
                "{\"prorationMethod\":\"THIRTY_360\",\"roundingMode\":\"HALF_UP\",\"creditNoteNumberPrefix\":\"CN 1\"}"));
        assertEquals("creditNoteNumberPrefix", badPrefix.path("field").asText(), badPrefix::toString);
        assertEquals(before, ApiFixture.snapshot(tenant), "nothing written");
        assertEquals("THIRTY_360", ok(200, call("PUT", "/settings", token,
                "{\"prorationMethod\":\"THIRTY_360\",\"roundingMode\":\"HALF_UP\"}")).get("prorationMethod").asText());
        assertEquals("CN-", ok(200, call("GET", "/settings", token, null)).get("creditNoteNumberPrefix").asText());
    }

    // ------------------------------------------------------------------ helpers

    /** Runs {@code targetDate} for the account, posts it, and returns the account's invoice of that run. */
    private JsonNode postedInvoice(String accountId, String targetDate) {
        JsonNode run = ApiFixture.runToEnd(token, "{\"targetDate\":\"%s\",\"accountIds\":[\"%s\"]}".formatted(targetDate, accountId));
        assertEquals("COMPLETED", run.get("status").asText(), run::toString);
        String runId = run.get("id").asText();
        ok(202, call("POST", "/bill-runs/" + runId + "/post", token, null));
        ApiFixture.awaitRun(token, runId, Set.of("POSTED"));
        JsonNode invoices = ok(200, call("GET", "/bill-runs/" + runId + "/invoices", token, null));
        assertEquals(1, invoices.get("items").size(), invoices::toString);
        return ok(200, call("GET", "/invoices/" + invoices.at("/items/0/id").asText(), token, null));
    }

    private JsonNode account(String accountId) {
        return ok(200, call("GET", "/accounts/" + accountId, token, null));
    }
}

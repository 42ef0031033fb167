package com.billrun.functions.api;

import static com.billrun.functions.api.ApiFixture.EMAIL;
import static com.billrun.functions.api.ApiFixture.POST;
import static com.billrun.functions.api.ApiFixture.READ;
import static com.billrun.functions.api.ApiFixture.WRITE;
import static com.billrun.functions.api.ApiFixture.call;
import static com.billrun.functions.api.ApiFixture.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.functions.api.ApiFixture.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The portal journey, over HTTP only, as a finance team drives it: create accounts and subscriptions,
 * preview, start a run and poll it to COMPLETED, read the three tabs, post it (billing/post, another user), pay an
 * invoice, read balance and status, and download the invoice PDF and read its text back.
 */
class ApiJourneyTest {

    private final String tenant = ApiFixture.tenant("journey");
    private final String operator = ApiFixture.token(tenant, READ, WRITE);
    private final String controller = ApiFixture.local().token(tenant, "controller@acme.example", READ, POST);

    @Test
    void createPreviewRunReadPostPayAndDownload() throws IOException {
        // accounts and subscriptions (one USD with 10% tax, one in JPY, one whose usage charge bills nothing yet)
        JsonNode acme = ok(201, call("POST", "/accounts", operator, """
                {"id":"ACME","name":"Acme Corp","billToEmail":"ap@acme.example","currency":"USD","billCycleDay":1,
                 "batch":"Batch1","taxRate":"10","paymentTermDays":30}"""));
        assertEquals("ACTIVE", acme.get("status").asText());
        assertEquals(0, decimal(acme.get("balance")).signum());
        ok(201, call("POST", "/accounts", operator, """
                {"id":"TOKYO","name":"Tokyo KK","billToEmail":"keiri@tokyo.example","currency":"JPY","billCycleDay":1,"batch":"Batch1"}"""));
        JsonNode subscription = ok(201, call("POST", "/accounts/ACME/subscriptions", operator, """
                {"id":"ACME-S1","startDate":"2026-12-01","charges":[
                 {"id":"gold","name":"Gold plan","type":"RECURRING","model":"FLAT_FEE","price":"100.00","billingPeriod":"MONTH","billingTiming":"IN_ADVANCE"},
                 {"id":"setup","name":"Setup fee","type":"ONE_TIME","model":"FLAT_FEE","price":"45.16"}]}"""));
        assertEquals(List.of("gold", "setup"), List.of(subscription.at("/charges/0/id").asText(), subscription.at("/charges/1/id").asText()));
        ok(201, call("POST", "/accounts/TOKYO/subscriptions", operator, """
                {"id":"TOKYO-S1","startDate":"2026-12-01","charges":[
                 {"id":"seat","name":"Seats","type":"RECURRING","model":"PER_UNIT","price":"1500","quantity":"10","billingPeriod":"MONTH","billingTiming":"IN_ADVANCE"}]}"""));
        assertEquals("ACME", ok(200, call("GET", "/accounts/ACME", operator, null)).get("id").asText());

        // preview: what the run will bill, nothing stored
        Map<String, String> beforePreview = ApiFixture.snapshot(tenant);
        JsonNode preview = ok(200, call("POST", "/accounts/ACME/invoice-preview", operator, "{\"targetDate\":\"2026-12-01\"}"));
        assertEquals("159.68", preview.at("/invoice/total").asText(), preview::toString); // (100.00 + 45.16) * 1.10 = 159.676
        assertEquals(0, preview.get("failures").size());
        assertEquals(beforePreview, ApiFixture.snapshot(tenant), "a preview stores nothing");

        // the run, polled to COMPLETED
        JsonNode accepted = ok(202, call("POST", "/bill-runs", operator, "{\"targetDate\":\"2026-12-01\",\"batches\":[\"Batch1\"]}"));
        assertEquals("PENDING", accepted.get("status").asText());
        String runId = accepted.get("id").asText();
        JsonNode run = ApiFixture.awaitRun(operator, runId, Set.of("COMPLETED", "ERROR"));
        assertEquals("COMPLETED", run.get("status").asText(), run::toString);
        assertEquals(false, run.get("hasErrors").asBoolean());
        assertEquals(2, run.at("/counts/accountsSelected").asInt());
        assertEquals(2, run.at("/counts/invoicesGenerated").asInt());
        assertEquals("159.68", run.at("/totals/USD").asText(), run::toString);
        assertEquals("15000", run.at("/totals/JPY").asText(), run::toString);
        assertEquals(EMAIL, run.get("initiatorEmail").asText());

        // the three tabs
        JsonNode invoices = ok(200, call("GET", "/bill-runs/" + runId + "/invoices", operator, null));
        assertEquals(2, invoices.get("items").size(), invoices::toString);
        JsonNode acmeInvoice = invoiceOf(invoices, "ACME");
        assertEquals("DRAFT", acmeInvoice.get("status").asText());
        assertEquals("145.16", acmeInvoice.get("subtotal").asText());
        assertEquals("14.52", acmeInvoice.get("taxTotal").asText());
        assertEquals("159.68", acmeInvoice.get("total").asText());
        JsonNode gold = itemOf(acmeInvoice, "gold");
        assertEquals("2026-12-01", gold.get("servicePeriodStart").asText(), acmeInvoice::toString);
        assertEquals("2026-12-31", gold.get("servicePeriodEnd").asText(), acmeInvoice::toString);
        assertEquals("100.00", gold.get("amount").asText(), acmeInvoice::toString);
        JsonNode accounts = ok(200, call("GET", "/bill-runs/" + runId + "/accounts", operator, null));
        Set<String> outcomes = new HashSet<>();
        accounts.get("items").forEach(account -> outcomes.add(account.get("accountId").asText() + "=" + account.get("outcome").asText()));
        assertEquals(Set.of("ACME=INVOICED", "TOKYO=INVOICED"), outcomes);
        assertEquals(0, ok(200, call("GET", "/bill-runs/" + runId + "/failures", operator, null)).get("items").size());
        JsonNode pageOfOne = ok(200, call("GET", "/bill-runs/" + runId + "/invoices?limit=1", operator, null));
        assertEquals(1, pageOfOne.get("items").size());
        JsonNode secondPage = ok(200, call("GET", "/bill-runs/" + runId + "/invoices?limit=1&cursor="
                + java.net.URLEncoder.encode(pageOfOne.get("nextCursor").asText(), java.nio.charset.StandardCharsets.UTF_8), operator, null));
        assertEquals(1, secondPage.get("items").size());

        // posting needs billing/post: the operator cannot, the controller can
        assertEquals(403, call("POST", "/bill-runs/" + runId + "/post", operator, null).status());
        assertEquals("POST_IN_PROGRESS", ok(202, call("POST", "/bill-runs/" + runId + "/post", controller, null)).get("status").asText());
        JsonNode posted = ApiFixture.awaitRun(operator, runId, Set.of("POSTED"));
        assertTrue(posted.toString().contains("controller@acme.example"), "the audit trail names who posted: " + posted);
        JsonNode invoice = ok(200, call("GET", "/invoices/" + acmeInvoice.get("id").asText(), operator, null));
        assertEquals("POSTED", invoice.get("status").asText());
        String number = invoice.get("number").asText();
        assertTrue(number.startsWith("INV-"), invoice::toString);
        assertEquals("159.68", invoice.get("balance").asText());
        assertEquals("2026-12-31", invoice.get("dueDate").asText(), "invoice date + 30 days");
        assertEquals("159.68", ok(200, call("GET", "/accounts/ACME", operator, null)).get("balance").asText());
        assertEquals(409, call("POST", "/bill-runs/" + runId + "/cancel", operator, null).status(), "a posted run cannot be canceled");

        // pay part, then the rest
        JsonNode partial = ok(201, call("POST", "/accounts/ACME/payments", operator,
                "{\"amount\":\"59.68\",\"date\":\"2027-01-10\",\"invoiceId\":\"" + invoice.get("id").asText() + "\"}"));
        assertEquals("100.00", partial.get("accountBalance").asText(), partial::toString);
        assertEquals("100.00", partial.at("/allocations/0/newBalance").asText(), partial::toString);
        JsonNode rest = ok(201, call("POST", "/accounts/ACME/payments", operator, "{\"amount\":\"100.00\",\"date\":\"2027-01-12\"}"));
        assertEquals(0, decimal(rest.get("accountBalance")).signum(), rest::toString);
        assertEquals("ACTIVE", rest.get("accountStatus").asText());
        assertEquals(0, decimal(ok(200, call("GET", "/invoices/" + invoice.get("id").asText(), operator, null)).get("balance")).signum());
        assertEquals(2, ok(200, call("GET", "/accounts/ACME/payments", operator, null)).get("items").size());
        assertEquals(1, ok(200, call("GET", "/accounts/ACME/invoices", operator, null)).get("items").size());

        // the PDF
        Answer pdf = call("GET", "/invoices/" + invoice.get("id").asText() + "/pdf", operator, null);
        assertEquals(200, pdf.status(), pdf::toString);
        assertEquals("application/pdf", pdf.contentType());
        assertTrue(pdf.headers().firstValue("content-disposition").orElse("").contains(number + ".pdf"), pdf.headers()::toString);
        String text;
        try (PDDocument document = Loader.loadPDF(pdf.bytes())) {
            text = new PDFTextStripper().getText(document);
        }
        for (String expected : List.of(number, "Acme Corp", "ap@acme.example", "Gold plan", "Setup fee", "145.16", "14.52", "159.68",
                "2026-12-01", "2026-12-31")) {
            assertTrue(text.contains(expected), "the PDF shows " + expected + ":\n" + text);
        }
    }

    /**
     * Usage, a cancellation and an overdue balance: usage recorded as a list bills in arrears; a posted invoice past
     * its due date makes the account PAST_DUE until it is paid; canceling mid-period credits the days already billed.
     */
    @Test
    void usageCancellationAndAPastDueAccount() {
        ok(201, call("POST", "/accounts", operator, """
                {"id":"LATE","name":"Late Payer Ltd","billToEmail":"ap@late.example","currency":"USD","billCycleDay":1,"paymentTermDays":0}"""));
        ok(201, call("POST", "/accounts/LATE/subscriptions", operator, """
                {"id":"LATE-S1","startDate":"2026-08-01","charges":[
                 {"id":"plan","name":"Plan","type":"RECURRING","model":"FLAT_FEE","price":"50.00","billingPeriod":"MONTH","billingTiming":"IN_ADVANCE"},
                 {"id":"calls","name":"Calls","type":"USAGE","model":"PER_UNIT","price":"0.10","billingPeriod":"MONTH","billingTiming":"IN_ARREARS"}]}"""));
        JsonNode usage = ok(201, call("POST", "/accounts/LATE/usage", operator, """
                [{"subscriptionId":"LATE-S1","chargeId":"calls","quantity":"100","date":"2026-08-15"},
                 {"subscriptionId":"LATE-S1","chargeId":"calls","quantity":"50","date":"2026-08-20"}]"""));
        assertEquals(2, usage.get("records").size(), usage::toString);

        JsonNode preview = ok(200, call("POST", "/accounts/LATE/invoice-preview", operator, "{\"targetDate\":\"2026-09-01\"}"));
        JsonNode run = ApiFixture.runToEnd(operator, "{\"targetDate\":\"2026-09-01\",\"accountIds\":[\"LATE\"]}");
        assertEquals("COMPLETED", run.get("status").asText(), run::toString);
        JsonNode invoice = ok(200, call("GET", "/bill-runs/" + run.get("id").asText() + "/invoices", operator, null)).at("/items/0");
        assertEquals(preview.at("/invoice/total").asText(), invoice.get("total").asText(), "the preview foretold the run: " + preview);
        JsonNode calls = itemOf(invoice, "calls");
        assertEquals(0, decimal(calls.get("quantity")).compareTo(new java.math.BigDecimal("150")), invoice::toString);
        assertEquals("15.00", calls.get("amount").asText(), invoice::toString);

        ok(202, call("POST", "/bill-runs/" + run.get("id").asText() + "/post", controller, null));
        ApiFixture.awaitRun(operator, run.get("id").asText(), Set.of("POSTED"));
        JsonNode late = ok(200, call("GET", "/accounts/LATE", operator, null));
        assertEquals("PAST_DUE", late.get("status").asText(), "due 2026-09-01, unpaid: " + late);
        assertEquals(invoice.get("total").asText(), late.get("balance").asText());

        JsonNode canceled = ok(200, call("POST", "/subscriptions/LATE-S1/cancel", operator, "{\"effectiveDate\":\"2026-09-16\"}"));
        assertEquals("2026-09-16", canceled.get("endDate").asText(), canceled::toString);
        JsonNode next = ok(200, call("POST", "/accounts/LATE/invoice-preview", operator, "{\"targetDate\":\"2026-10-01\"}"));
        assertTrue(decimal(next.at("/invoice/total")).signum() < 0, "the days after the cancel are credited: " + next);

        JsonNode paid = ok(201, call("POST", "/accounts/LATE/payments", operator,
                "{\"amount\":\"" + invoice.get("total").asText() + "\",\"date\":\"2026-11-20\"}"));
        assertEquals("ACTIVE", paid.get("accountStatus").asText(), paid::toString);
        assertEquals(0, decimal(paid.get("accountBalance")).signum(), paid::toString);
        assertEquals("ACTIVE", ok(200, call("GET", "/accounts/LATE", operator, null)).get("status").asText());
    }

    /**
     * A draft's PDF reads DRAFT; names in any script (CJK, emoji, right-to-left letters) still render, never a 500.
     * Invisible bidi controls such as U+202E are refused at the door (ApiHardeningTest), so none reaches a PDF.
     */
    @Test
    void aDraftPdfWithNamesInAnyScriptRenders() throws IOException {
        ok(201, call("POST", "/accounts", operator, """
                {"id":"INTL","name":"東京商事 «Ωmega» 🚀 שלום مرحبا","billToEmail":"keiri@tokyo.example","currency":"EUR","billCycleDay":1}"""));
        ok(201, call("POST", "/accounts/INTL/subscriptions", operator, """
                {"startDate":"2026-12-01","charges":[{"id":"p","name":"Çà et là — 日本語プラン","type":"RECURRING","model":"FLAT_FEE",
                 "price":"99.99","billingPeriod":"MONTH","billingTiming":"IN_ADVANCE"}]}"""));
        String runId = ApiFixture.runToEnd(operator, "{\"targetDate\":\"2026-12-01\",\"accountIds\":[\"INTL\"]}").get("id").asText();
        String invoiceId = ok(200, call("GET", "/bill-runs/" + runId + "/invoices", operator, null)).at("/items/0/id").asText();

        Answer pdf = call("GET", "/invoices/" + invoiceId + "/pdf", operator, null);
        assertEquals(200, pdf.status(), pdf::toString);
        assertEquals("application/pdf", pdf.contentType());
        assertTrue(pdf.headers().firstValue("content-disposition").orElse("").contains("DRAFT-" + invoiceId + ".pdf"), pdf.headers()::toString);
        String text;
        try (PDDocument document = Loader.loadPDF(pdf.bytes())) {
            text = new PDFTextStripper().getText(document);
        }
        assertTrue(text.contains("DRAFT"), text);
        assertTrue(text.contains("99.99"), text);
        assertTrue(text.contains("keiri@tokyo.example"), text);
    }

    /** Amounts travel as decimal strings: read them exactly (a TextNode's decimalValue() would be 0). */
    private static java.math.BigDecimal decimal(JsonNode amount) {
        assertTrue(amount.isTextual(), "a decimal string: " + amount);
        return new java.math.BigDecimal(amount.asText());
    }

    private static JsonNode itemOf(JsonNode invoice, String chargeId) {
        for (JsonNode item : invoice.get("items")) {
            if (item.get("chargeId").asText().equals(chargeId)) {
                return item;
            }
        }
        throw new AssertionError("no item of charge " + chargeId + " in " + invoice);
    }

    private static JsonNode invoiceOf(JsonNode page, String accountId) {
        for (JsonNode invoice : page.get("items")) {
            if (invoice.get("accountId").asText().equals(accountId)) {
                return invoice;
            }
        }
        throw new AssertionError("no invoice of " + accountId + " in " + page);
    }
}

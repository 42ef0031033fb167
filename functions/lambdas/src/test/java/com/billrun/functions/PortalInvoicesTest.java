package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.store.BillRun;
import com.billrun.store.BillRunOptions;
import com.billrun.store.InvoicePosting;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The invoice preview (the engine on the stored data, nothing written), tenant settings, and an account's invoices
 * and their PDF, through the HTTP API. Acme: USD, bill cycle day 1, tax 8.875 %, Gold 100.00 a month in advance from
 * October 15th: a run on November 1st bills the stub October 15-31 and the whole of November.
 */
class PortalInvoicesTest {

    private static final String ACME = """
            {"id":"ACME","name":"Acme Corp","billToEmail":"ap@acme.example","currency":"USD","billCycleDay":1,"taxRate":"8.875"}""";
    private static final String GOLD = """
            {"id":"S1","startDate":"2026-10-15","charges":[
              {"name":"Gold","type":"RECURRING","model":"FLAT_FEE","price":"100.00","billingPeriod":"MONTH","billingTiming":"IN_ADVANCE"}]}""";
    private static final String NOVEMBER_1 = "{\"targetDate\":\"2026-11-01\"}";

    @Test
    void thePreviewBillsTheProratedStubToTheCentAndStoresNothing() {
        Portal portal = acme("preview");
        int before = portal.itemCount();

        JsonNode preview = portal.ok(portal.post("/accounts/ACME/invoice-preview", NOVEMBER_1), 200);

        JsonNode invoice = preview.get("invoice");
        assertEquals("54.84", invoice.at("/items/0/amount").asText(), "100.00 x 17/31 days of October");
        assertEquals("2026-10-15", invoice.at("/items/0/servicePeriodStart").asText());
        assertEquals("2026-10-31", invoice.at("/items/0/servicePeriodEnd").asText());
        assertEquals("100.00", invoice.at("/items/1/amount").asText());
        assertEquals("154.84", invoice.get("subtotal").asText());
        assertEquals("13.74", invoice.get("taxTotal").asText(), "8.875 % of 154.84 = 13.742");
        assertEquals("168.58", invoice.get("total").asText());
        assertEquals("2026-12-01", invoice.get("dueDate").asText());
        assertEquals(0, preview.get("failures").size());
        assertEquals(before, portal.itemCount(), "a preview writes nothing");
        assertEquals(1, portal.local().store().subscriptions().find(portal.tenantId(), "S1").orElseThrow().version(),
                "no charged-through date moved");
    }

    @Test
    void nothingDueIsANullInvoice() {
        Portal portal = acme("preview-none");

        JsonNode preview = portal.ok(portal.post("/accounts/ACME/invoice-preview", "{\"targetDate\":\"2026-10-14\"}"), 200);

        assertTrue(preview.get("invoice").isNull());
    }

    @Test
    void changingTheProrationMethodChangesTheNextPreview() {
        Portal portal = acme("settings");
        JsonNode defaults = portal.ok(portal.get("/settings"), 200);

        JsonNode changed = portal.ok(portal.put("/settings", "{\"prorationMethod\":\"THIRTY_DAY_MONTH\",\"roundingMode\":\"HALF_EVEN\"}"), 200);
        JsonNode preview = portal.ok(portal.post("/accounts/ACME/invoice-preview", NOVEMBER_1), 200);

        assertEquals("ACTUAL_DAYS", defaults.get("prorationMethod").asText());
        assertEquals("HALF_UP", defaults.get("roundingMode").asText());
        assertEquals("THIRTY_DAY_MONTH", changed.get("prorationMethod").asText());
        assertEquals("56.67", preview.at("/invoice/items/0/amount").asText(), "100.00 x 17/30");
        assertEquals("170.57", preview.at("/invoice/total").asText(), "156.67 + 13.90 tax");
        assertEquals("HALF_EVEN", portal.ok(portal.get("/settings"), 200).get("roundingMode").asText());
        assertEquals("roundingMode", LocalBillrun.json(portal.offSpec().put("/settings",
                "{\"prorationMethod\":\"ACTUAL_DAYS\",\"roundingMode\":\"CEILING\"}").body()).get("field").asText());
    }

    @Test
    void aPostedInvoiceIsListedReadAndRenderedAsAPdf() throws IOException {
        Portal portal = acme("pdf");
        BillRun run = portal.tenant().completedRun(BillRunOptions.allAccounts(LocalDate.of(2026, 11, 1)));
        new InvoicePosting(portal.local().store().table(), Clock.systemUTC()).postNextPage(portal.tenantId(), run.id());

        JsonNode listed = portal.ok(portal.get("/accounts/ACME/invoices"), 200);
        String invoiceId = listed.at("/items/0/id").asText();
        JsonNode invoice = portal.ok(portal.get("/invoices/" + invoiceId), 200);
        var pdf = portal.getBytes("/invoices/" + invoiceId + "/pdf");

        assertEquals(1, listed.get("items").size());
        assertTrue(listed.get("nextCursor").isNull());
        assertEquals("INV-000001", invoice.get("number").asText());
        assertEquals("POSTED", invoice.get("status").asText());
        assertEquals("168.58", invoice.get("balance").asText());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("content-type").orElseThrow());
        assertTrue(pdf.headers().firstValue("content-disposition").orElseThrow().contains("INV-000001.pdf"));
        String text = textOf(pdf.body());
        for (String expected : new String[] {"INV-000001", "Acme Corp", "Gold", "54.84", "13.74", "168.58", "2026-10-15"}) {
            assertTrue(text.contains(expected), expected + " in:\n" + text);
        }
    }

    @Test
    void anotherTenantsInvoiceIsNotFound() {
        Portal owner = acme("inv-owner");
        BillRun run = owner.tenant().completedRun(BillRunOptions.allAccounts(LocalDate.of(2026, 11, 1)));
        Portal other = Portal.fresh("inv-other");
        String invoiceId = owner.ok(owner.get("/accounts/ACME/invoices"), 200).at("/items/0/id").asText();

        assertEquals(404, other.get("/invoices/" + invoiceId).statusCode());
        assertEquals(404, other.get("/invoices/" + invoiceId + "/pdf").statusCode());
        assertEquals(404, other.get("/accounts/ACME/invoices").statusCode());
        assertEquals(404, other.post("/accounts/ACME/invoice-preview", NOVEMBER_1).statusCode());
        assertEquals(run.id(), owner.ok(owner.get("/invoices/" + invoiceId), 200).get("billRunId").asText());
    }

    private static Portal acme(String prefix) {
        Portal portal = Portal.fresh(prefix);
        portal.ok(portal.post("/accounts", ACME), 201);
        portal.ok(portal.post("/accounts/ACME/subscriptions", GOLD), 201);
        return portal;
    }

    private static String textOf(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}

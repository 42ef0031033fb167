package com.billrun.functions.api;

import static com.billrun.functions.api.ApiFixture.READ;
import static com.billrun.functions.api.ApiFixture.WRITE;
import static com.billrun.functions.api.ApiFixture.assertProblem;
import static com.billrun.functions.api.ApiFixture.call;
import static com.billrun.functions.api.ApiFixture.ok;
import static com.billrun.functions.api.ApiFixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.BillingPeriod;
import com.billrun.core.BillingTiming;
import com.billrun.core.Charge;
import com.billrun.core.ChargeType;
import com.billrun.core.PricingModel;
import com.billrun.core.Subscription;
import com.billrun.functions.ApiContract.Intent;
import com.billrun.functions.api.ApiFixture.Answer;
import com.billrun.store.AccountBuilder;
import com.billrun.store.BillrunStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The three tabs of a run as CSV ({@code Accept: text/csv}), over HTTP: exact rows (RFC 4180 quoting of names with
 * commas, quotes and a line break; the formula guard on names; amounts at the currency's scale; ISO dates), the
 * next page in {@code Link}, the same paging, scopes and 404 as the JSON, which stays the default.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiExportTest {

    private static final LocalDate DECEMBER_1 = LocalDate.of(2026, 12, 1);
    private static final Pattern NEXT = Pattern.compile("^<(/bill-runs/[^>]+)>; rel=\"next\"$");

    private final String tenant = ApiFixture.tenant("export");
    private final String reader = ApiFixture.token(tenant, READ);
    private String runId;
    private final Map<String, String> invoiceIds = new java.util.LinkedHashMap<>(); // in the order the tab lists them

    /** Names a spreadsheet trips on, stored as they are (the store takes what the API let through, or older data). */
    @BeforeAll
    void aRunOverAwkwardNames() {
        BillrunStore store = ApiFixture.local().store();
        monthly(store, AccountBuilder.account("A1").name("Acme, \"Best\" Inc.").build(), "145.16");
        monthly(store, AccountBuilder.account("A2").name("=HYPERLINK(\"http://evil.example\",\"x\")").build(), "20.00");
        monthly(store, AccountBuilder.account("A3").name("Line one\nLine two").currency("JPY").build(), "12000");
        monthly(store, AccountBuilder.account("A4").name("@home").currency("EUR").build(), "99.90");
        store.accounts().create(tenant, AccountBuilder.account("BROKEN").name("-Broken").build());
        store.subscriptions().create(tenant, "BROKEN", new Subscription("S-BROKEN", DECEMBER_1, null,
                List.of(plan("10.00", new BigDecimal("-1")))));
        JsonNode run = ApiFixture.runToEnd(ApiFixture.token(tenant, READ, WRITE), "{\"targetDate\":\"2026-12-01\"}");
        assertEquals("COMPLETED", run.get("status").asText(), run::toString);
        runId = run.get("id").asText();
        for (JsonNode invoice : ok(200, call("GET", "/bill-runs/" + runId + "/invoices", reader, null)).get("items")) {
            invoiceIds.put(invoice.get("accountId").asText(), invoice.get("id").asText());
        }
        assertEquals(4, invoiceIds.size(), invoiceIds::toString);
    }

    @Test
    void theInvoicesTabAsCsvHasOneHeaderAndOneExactRowPerInvoice() {
        Answer answer = csv("/bill-runs/" + runId + "/invoices");
        assertEquals(200, answer.status(), answer::toString);
        assertEquals("text/csv; charset=utf-8", answer.contentType());
        assertFalse(answer.headers().firstValue("link").isPresent(), "one page: no next");
        Map<String, String> rows = Map.of(
                "A1", row(invoiceIds.get("A1"), "", "A1", "\"Acme, \"\"Best\"\" Inc.\"", "DRAFT", "USD", "2026-12-01", "2026-12-31", "145.16", "0.00", "145.16", "145.16"),
                "A2", row(invoiceIds.get("A2"), "", "A2", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", "DRAFT", "USD", "2026-12-01", "2026-12-31", "20.00", "0.00", "20.00", "20.00"),
                "A3", row(invoiceIds.get("A3"), "", "A3", "\"Line one\nLine two\"", "DRAFT", "JPY", "2026-12-01", "2026-12-31", "12000", "0", "12000", "12000"),
                "A4", row(invoiceIds.get("A4"), "", "A4", "'@home", "DRAFT", "EUR", "2026-12-01", "2026-12-31", "99.90", "0.00", "99.90", "99.90"));
        // The tab lists the invoices in run order, as its JSON pages do; a draft's balance is its total.
        List<String> expected = invoiceIds.keySet().stream().map(rows::get).toList();
        assertEquals("invoiceId,number,accountId,accountName,status,currency,invoiceDate,dueDate,subtotal,taxTotal,total,balance\r\n"
                + String.join("", expected), answer.body());
    }

    @Test
    void theAccountsAndFailuresTabsAsCsv() {
        JsonNode failure = ok(200, call("GET", "/bill-runs/" + runId + "/failures", reader, null)).at("/items/0");
        Answer accounts = csv("/bill-runs/" + runId + "/accounts");
        assertEquals(200, accounts.status(), accounts::toString);
        // The accounts without an invoice first, then the invoiced ones in run order (their one post group's).
        assertEquals("accountId,accountName,outcome,invoiceId,currency,total,failedSubscriptions\r\n"
                + row("BROKEN", "'-Broken", "NOTHING_TO_BILL", "", "", "", "1")
                + row("A1", "\"Acme, \"\"Best\"\" Inc.\"", "INVOICED", invoiceIds.get("A1"), "USD", "145.16", "0")
                + row("A2", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", "INVOICED", invoiceIds.get("A2"), "USD", "20.00", "0")
                + row("A3", "\"Line one\nLine two\"", "INVOICED", invoiceIds.get("A3"), "JPY", "12000", "0")
                + row("A4", "'@home", "INVOICED", invoiceIds.get("A4"), "EUR", "99.90", "0"), accounts.body());

        Answer failures = csv("/bill-runs/" + runId + "/failures");
        assertEquals(200, failures.status(), failures::toString);
        assertEquals("S-BROKEN", failure.get("subscriptionId").asText(), failure::toString);
        assertEquals("accountId,subscriptionId,field,reason\r\n"
                + row("BROKEN", "S-BROKEN", quoted(failure.get("field").asText()), quoted(failure.get("reason").asText())),
                failures.body());
    }

    @Test
    void pagesFollowTheLinkHeaderWithTheSameLimitAndAddUpToTheWholeTab() {
        String whole = csv("/bill-runs/" + runId + "/accounts").body();
        String header = whole.substring(0, whole.indexOf("\r\n") + 2);
        StringBuilder rows = new StringBuilder();
        String path = "/bill-runs/" + runId + "/accounts?limit=2";
        int pages = 0;
        while (path != null) {
            Answer page = csv(path);
            assertEquals(200, page.status(), page::toString);
            assertTrue(page.body().startsWith(header), "every page has the header row: " + page);
            String pageRows = page.body().substring(header.length());
            assertTrue(pageRows.split("\r\n", -1).length - 1 <= 2, "at most limit rows: " + page);
            rows.append(pageRows);
            pages++;
            String link = page.headers().firstValue("link").orElse(null);
            if (link == null) {
                path = null;
            } else {
                Matcher next = NEXT.matcher(link);
                assertTrue(next.matches(), link);
                path = next.group(1);
                assertTrue(path.startsWith("/bill-runs/" + runId + "/accounts?limit=2&cursor="), path);
            }
        }
        assertEquals(whole, header + rows, "the pages add up to the tab, each row once");
        assertTrue(pages >= 3, "5 accounts, 2 a page: " + pages);
    }

    @Test
    void csvHasTheJsonsScopesNotFoundAndBadParametersAndJsonStaysTheDefault() {
        Map<String, String> before = snapshot(tenant);
        assertEquals("application/json", call("GET", "/bill-runs/" + runId + "/accounts", reader, null).contentType());
        for (String tab : List.of("invoices", "accounts", "failures")) {
            String path = "/bill-runs/" + runId + "/" + tab;
            JsonNode forbidden = assertProblem(403, send(path, ApiFixture.token(tenant, WRITE, ApiFixture.POST)));
            assertTrue(forbidden.path("detail").asText().contains(READ), forbidden::toString);
            assertProblem(404, send(path, ApiFixture.allScopes(ApiFixture.tenant("export-intruder"))));
            assertEquals("limit", assertProblem(400, send(Intent.OFF_SPEC, path + "?limit=0", reader)).path("field").asText());
            assertEquals("cursor", assertProblem(400, send(path + "?cursor=not-a-cursor", reader)).path("field").asText());
        }
        assertProblem(404, send("/bill-runs/no-such-run/invoices", reader));
        assertEquals(before, snapshot(tenant), "reading writes nothing");
    }

    private Answer csv(String path) {
        return send(path, reader);
    }

    private static Answer send(String path, String token) {
        return send(Intent.VALID, path, token);
    }

    private static Answer send(Intent intent, String path, String token) {
        return ApiFixture.send(intent, "GET", path, token, null, null, Map.of("accept", "text/csv"));
    }

    private static String row(String... cells) {
        return String.join(",", cells) + "\r\n";
    }

    private static String quoted(String text) {
        String guarded = text.isEmpty() || "=+-@\t\r".indexOf(text.charAt(0)) < 0 ? text : "'" + text;
        return guarded.matches("(?s).*[,\"\r\n].*") ? "\"" + guarded.replace("\"", "\"\"") + "\"" : guarded;
    }

    private void monthly(BillrunStore store, com.billrun.store.CustomerAccount account, String price) {
        store.accounts().create(tenant, account);
        store.subscriptions().create(tenant, account.id(), new Subscription("S-" + account.id(), DECEMBER_1, null,
                List.of(plan(price, BigDecimal.ONE))));
    }

    private static Charge plan(String price, BigDecimal quantity) {
        return new Charge("plan", "Monthly plan", ChargeType.RECURRING, PricingModel.FLAT_FEE, new BigDecimal(price), null,
                quantity, BillingPeriod.MONTH, BillingTiming.IN_ADVANCE, null, null, false, null);
    }
}

package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.store.BillRun;
import com.billrun.store.BillRunOptions;
import com.billrun.store.InvoicePosting;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Payments through the HTTP API (RULES.md, Payments): Globex pays 100.00 a month in advance from August 2026;
 * the August invoice (due August 31st) and the September one (due October 1st) are posted and overdue.
 */
class PortalPaymentsTest {

    private static final String GLOBEX = """
            {"id":"GLOBEX","name":"Globex","billToEmail":"ap@globex.example","currency":"USD","billCycleDay":1}""";
    private static final String PLAN = """
            {"id":"S1","startDate":"2026-08-01","charges":[
              {"name":"Plan","type":"RECURRING","model":"FLAT_FEE","price":"100.00","billingPeriod":"MONTH","billingTiming":"IN_ADVANCE"}]}""";

    @Test
    void aPaymentGoesToTheOldestDueFirstAndTheAccountIsActiveOnceNothingIsOverdue() {
        Portal portal = globexWithTwoPostedInvoices("pay-oldest");
        assertEquals("PAST_DUE", portal.ok(portal.get("/accounts/GLOBEX"), 200).get("status").asText());
        assertEquals("200.00", portal.ok(portal.get("/accounts/GLOBEX"), 200).get("balance").asText());

        JsonNode first = portal.ok(portal.post("/accounts/GLOBEX/payments", "{\"amount\":\"150.00\",\"date\":\"2026-11-01\"}"), 201);

        assertEquals(invoiceOf(portal, "2026-08-01"), first.at("/allocations/0/invoiceId").asText());
        assertEquals("100.00", first.at("/allocations/0/applied").asText());
        assertEquals("0.00", first.at("/allocations/0/newBalance").asText());
        assertEquals("50.00", first.at("/allocations/1/applied").asText());
        assertEquals("50.00", first.at("/allocations/1/newBalance").asText());
        assertEquals("0.00", first.get("unapplied").asText());
        assertEquals("50.00", first.get("accountBalance").asText());
        assertEquals("PAST_DUE", first.get("accountStatus").asText(), "September's rest is still overdue");

        String september = invoiceOf(portal, "2026-09-01");
        JsonNode second = portal.ok(portal.post("/accounts/GLOBEX/payments",
                "{\"amount\":\"50\",\"date\":\"2026-11-02\",\"invoiceId\":\"" + september + "\"}"), 201);

        assertEquals("50.00", second.get("amount").asText());
        assertEquals("0.00", second.get("accountBalance").asText());
        assertEquals("ACTIVE", second.get("accountStatus").asText());
        JsonNode account = portal.ok(portal.get("/accounts/GLOBEX"), 200);
        assertEquals("ACTIVE", account.get("status").asText());
        assertEquals("0.00", account.get("balance").asText());
        assertEquals("0.00", portal.ok(portal.get("/invoices/" + september), 200).get("balance").asText());
    }

    @Test
    void anOverpaymentStaysOnTheAccountAsCreditAndTheHistoryListsEveryPaymentOldestFirst() {
        Portal portal = globexWithTwoPostedInvoices("pay-credit");

        portal.ok(portal.post("/accounts/GLOBEX/payments", "{\"amount\":\"230.00\",\"date\":\"2026-11-05\"}"), 201);
        portal.ok(portal.post("/accounts/GLOBEX/payments", "{\"amount\":\"5.00\",\"date\":\"2026-11-03\"}"), 201);
        JsonNode history = portal.ok(portal.get("/accounts/GLOBEX/payments"), 200);

        assertEquals(2, history.get("items").size());
        assertEquals("2026-11-03", history.at("/items/0/date").asText());
        assertEquals("5.00", history.at("/items/0/unapplied").asText());
        assertEquals("-35.00", history.at("/items/0/accountBalance").asText());
        assertEquals("30.00", history.at("/items/1/unapplied").asText());
        assertEquals(Tenants.INITIATOR, history.at("/items/1/recordedBy").asText());
        assertEquals("-35.00", portal.ok(portal.get("/accounts/GLOBEX"), 200).get("balance").asText());
    }

    @Test
    void aPaymentTheRulesRefuseNamesItsFieldAndChangesNothing() {
        Portal portal = globexWithTwoPostedInvoices("pay-bad");
        int before = portal.itemCount();

        assertRefused(portal, "{\"amount\":\"10.001\",\"date\":\"2026-11-01\"}", 422, "amount");
        assertRefused(portal, "{\"amount\":\"0\",\"date\":\"2026-11-01\"}", 422, "amount");
        assertRefused(portal, "{\"amount\":\"-5\",\"date\":\"2026-11-01\"}", 422, "amount");
        assertRefused(portal, "{\"amount\":1E+999999999,\"date\":\"2026-11-01\"}", 422, "amount");
        assertRefused(portal, "{\"amount\":\"1E+999999999\",\"date\":\"2026-11-01\"}", 400, "amount");
        assertRefused(portal, "{\"amount\":\"10.00\",\"date\":\"2026-02-30\"}", 400, "date");
        assertRefused(portal, "{\"amount\":\"10.00\",\"date\":\"2026-11-01\",\"invoiceId\":\"NOPE\"}", 422, "invoiceId");
        assertRefused(portal, "{\"amount\":\"10.00\",\"date\":\"2026-11-01\",\"currency\":\"EUR\"}", 400, "currency");
        assertRefused(portal, "{\"amount\":\"10.00\"}", 422, "date");
        assertEquals(before, portal.itemCount());
        assertEquals("200.00", portal.ok(portal.get("/accounts/GLOBEX"), 200).get("balance").asText());
    }

    @Test
    void paymentsRacingOnOneAccountNeverTakeTheSameBalanceTwice() throws Exception {
        Portal portal = globexWithTwoPostedInvoices("pay-race");
        int payments = 4;
        ExecutorService pool = Executors.newFixedThreadPool(payments);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < payments; i++) {
            answers.add(pool.submit(() -> portal.post("/accounts/GLOBEX/payments",
                    "{\"amount\":\"30.00\",\"date\":\"2026-11-01\"}").statusCode()));
        }
        int applied = 0;
        for (Future<Integer> answer : answers) {
            int status = answer.get();
            assertTrue(status == 201 || status == 409, "201, or 409 after losing every retry: " + status);
            applied += status == 201 ? 1 : 0;
        }
        pool.shutdown();

        BigDecimal expected = new BigDecimal("200.00").subtract(new BigDecimal("30.00").multiply(BigDecimal.valueOf(applied)));
        assertEquals(expected.toPlainString(), portal.ok(portal.get("/accounts/GLOBEX"), 200).get("balance").asText());
        BigDecimal invoiceBalances = BigDecimal.ZERO;
        for (JsonNode invoice : portal.ok(portal.get("/accounts/GLOBEX/invoices"), 200).get("items")) {
            invoiceBalances = invoiceBalances.add(new BigDecimal(invoice.get("balance").asText()));
        }
        assertEquals(expected, invoiceBalances, "each payment reduced the invoices by exactly its amount");
        assertEquals(applied, portal.ok(portal.get("/accounts/GLOBEX/payments"), 200).get("items").size());
    }

    @Test
    void aDraftInvoiceCannotBePaid() {
        Portal portal = Portal.fresh("pay-draft");
        portal.ok(portal.post("/accounts", GLOBEX), 201);
        portal.ok(portal.post("/accounts/GLOBEX/subscriptions", PLAN), 201);
        portal.tenant().completedRun(BillRunOptions.allAccounts(LocalDate.of(2026, 8, 1)));

        assertRefused(portal, "{\"amount\":\"10.00\",\"date\":\"2026-11-01\",\"invoiceId\":\"" + invoiceOf(portal, "2026-08-01") + "\"}",
                422, "invoiceId");
    }

    private static void assertRefused(Portal portal, String body, int status, String field) {
        var refused = portal.offSpec().post("/accounts/GLOBEX/payments", body);
        assertEquals(status, refused.statusCode(), body + " -> " + refused.body());
        assertEquals("application/problem+json", refused.headers().firstValue("content-type").orElseThrow());
        assertEquals(field, LocalBillrun.json(refused.body()).path("field").asText(), refused.body());
    }

    private static Portal globexWithTwoPostedInvoices(String prefix) {
        Portal portal = Portal.fresh(prefix);
        portal.ok(portal.post("/accounts", GLOBEX), 201);
        portal.ok(portal.post("/accounts/GLOBEX/subscriptions", PLAN), 201);
        InvoicePosting posting = new InvoicePosting(portal.local().store().table(), Clock.systemUTC());
        for (LocalDate target : new LocalDate[] {LocalDate.of(2026, 8, 1), LocalDate.of(2026, 9, 1)}) {
            BillRun run = portal.tenant().completedRun(BillRunOptions.allAccounts(target));
            assertTrue(!posting.postNextPage(portal.tenantId(), run.id()).isEmpty());
        }
        return portal;
    }

    private static String invoiceOf(Portal portal, String invoiceDate) {
        for (JsonNode invoice : portal.ok(portal.get("/accounts/GLOBEX/invoices"), 200).get("items")) {
            if (invoice.get("invoiceDate").asText().equals(invoiceDate)) {
                return invoice.get("id").asText();
            }
        }
        throw new AssertionError("no invoice of " + invoiceDate);
    }
}

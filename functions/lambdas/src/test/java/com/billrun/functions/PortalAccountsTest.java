package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Accounts, subscriptions, cancellation and usage through the HTTP API (infra/openapi.yaml), with exact values. */
class PortalAccountsTest {

    private static final String ACME = """
            {"id":"ACME","name":"Acme Corp","billToEmail":"ap@acme.example","currency":"USD","billCycleDay":1,"taxRate":"8.875"}""";
    private static final String GOLD_FROM_OCTOBER_15 = """
            {"id":"S1","startDate":"2026-10-15","charges":[
              {"name":"Gold","type":"RECURRING","model":"FLAT_FEE","price":"100.00","billingPeriod":"MONTH","billingTiming":"IN_ADVANCE"},
              {"id":"api","name":"API calls","type":"USAGE","model":"PER_UNIT","price":"0.0125","billingPeriod":"MONTH","billingTiming":"IN_ARREARS"}]}""";

    @Test
    void anAccountIsCreatedActiveWithAZeroBalanceAndReadBack() {
        Portal portal = Portal.fresh("acc-create");

        JsonNode created = portal.ok(portal.post("/accounts", ACME), 201);
        JsonNode read = portal.ok(portal.get("/accounts/ACME"), 200);

        assertEquals("ACTIVE", created.get("status").asText());
        assertEquals("0.00", created.get("balance").asText());
        assertEquals("8.875", read.get("taxRate").asText());
        assertEquals("Batch1", read.get("batch").asText());
        assertEquals(409, portal.post("/accounts", ACME).statusCode(), "the id exists");
    }

    @Test
    void theAccountListIsPagedWithACursorUntilItsLastPage() {
        Portal portal = Portal.fresh("acc-list");
        for (int i = 1; i <= 5; i++) {
            portal.ok(portal.post("/accounts", ACME.replace("ACME", "A" + i)), 201);
        }

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = portal.ok(portal.get("/accounts?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)), 200);
            page.get("items").forEach(account -> seen.add(account.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertEquals(Set.of("A1", "A2", "A3", "A4", "A5"), seen);
        assertEquals(3, pages);
        assertEquals(400, portal.offSpec().get("/accounts?limit=101").statusCode(), "RequestLimits.MAX_PAGE_SIZE is 100");
        assertEquals(400, portal.get("/accounts?cursor=bm90LWEtY3Vyc29y").statusCode());
    }

    @Test
    void aSubscriptionsChargesGetIdsAndAreTaxableUnlessSaidOtherwise() {
        Portal portal = Portal.fresh("acc-sub");
        portal.ok(portal.post("/accounts", ACME), 201);

        JsonNode subscription = portal.ok(portal.post("/accounts/ACME/subscriptions", GOLD_FROM_OCTOBER_15), 201);

        assertEquals("c1", subscription.at("/charges/0/id").asText());
        assertEquals("api", subscription.at("/charges/1/id").asText());
        assertTrue(subscription.at("/charges/0/taxable").asBoolean());
        assertEquals("0.0125", subscription.at("/charges/1/price").asText());
    }

    @Test
    void theEnginesOwnValidationRefusesWhatARunCouldNotBill() {
        Portal portal = Portal.fresh("acc-engine");
        portal.ok(portal.post("/accounts", ACME.replace("USD", "JPY")), 201);
        int before = portal.itemCount();

        var centsInYen = portal.post("/accounts/ACME/subscriptions", GOLD_FROM_OCTOBER_15.replace("100.00", "100.50"));
        var usageFlatFee = portal.post("/accounts/ACME/subscriptions", """
                {"startDate":"2026-10-15","charges":[{"name":"x","type":"USAGE","model":"FLAT_FEE","price":"1",
                 "billingPeriod":"MONTH","billingTiming":"IN_ARREARS"}]}""");

        assertEquals(422, centsInYen.statusCode(), centsInYen.body());
        assertEquals("charges[0].price", LocalBillrun.json(centsInYen.body()).get("field").asText());
        assertEquals("charges[0].model", LocalBillrun.json(usageFlatFee.body()).get("field").asText());
        assertEquals(before, portal.itemCount(), "nothing written");
    }

    @Test
    void cancellingEndsTheSubscriptionAndCannotExtendIt() {
        Portal portal = Portal.fresh("acc-cancel");
        portal.ok(portal.post("/accounts", ACME), 201);
        portal.ok(portal.post("/accounts/ACME/subscriptions", GOLD_FROM_OCTOBER_15), 201);

        JsonNode cancelled = portal.ok(portal.post("/subscriptions/S1/cancel", "{\"effectiveDate\":\"2026-11-20\"}"), 200);
        var later = portal.post("/subscriptions/S1/cancel", "{\"effectiveDate\":\"2026-12-20\"}");
        var beforeStart = portal.post("/subscriptions/S1/cancel", "{\"effectiveDate\":\"2026-10-01\"}");

        assertEquals("2026-11-20", cancelled.get("endDate").asText());
        assertEquals(409, later.statusCode(), later.body());
        assertEquals("effectiveDate", LocalBillrun.json(beforeStart.body()).get("field").asText());
        assertEquals(404, portal.post("/subscriptions/NOPE/cancel", "{\"effectiveDate\":\"2026-11-20\"}").statusCode());
    }

    @Test
    void usageIsRecordedOneOrManyAndBilledInArrearsByThePreview() {
        Portal portal = Portal.fresh("acc-usage");
        portal.ok(portal.post("/accounts", ACME), 201);
        portal.ok(portal.post("/accounts/ACME/subscriptions", GOLD_FROM_OCTOBER_15), 201);

        JsonNode one = portal.ok(portal.post("/accounts/ACME/usage", """
                {"id":"u1","subscriptionId":"S1","chargeId":"api","quantity":"1000","date":"2026-11-03"}"""), 201);
        JsonNode many = portal.ok(portal.post("/accounts/ACME/usage", """
                [{"subscriptionId":"S1","chargeId":"api","quantity":"600","date":"2026-11-10"},
                 {"subscriptionId":"S1","chargeId":"api","quantity":"400.5","date":"2026-11-30"}]"""), 201);
        JsonNode preview = portal.ok(portal.post("/accounts/ACME/invoice-preview", "{\"targetDate\":\"2026-12-01\"}"), 200);

        assertEquals("u1", one.at("/records/0/id").asText());
        assertEquals(2, many.get("records").size());
        JsonNode usageLine = preview.at("/invoice/items").findParents("chargeId").stream()
                .filter(line -> line.get("chargeId").asText().equals("api")).findFirst().orElseThrow();
        assertEquals("2000.5", usageLine.get("quantity").asText());
        assertEquals("25.01", usageLine.get("amount").asText(), "2000.5 x 0.0125 = 25.00625");
    }

    @Test
    void usageOfAnotherChargeOrOutsideTheSubscriptionIsRefusedAndNothingIsWritten() {
        Portal portal = Portal.fresh("acc-usage-bad");
        portal.ok(portal.post("/accounts", ACME), 201);
        portal.ok(portal.post("/accounts/ACME/subscriptions", GOLD_FROM_OCTOBER_15), 201);
        int before = portal.itemCount();

        var recurringCharge = portal.post("/accounts/ACME/usage", """
                [{"subscriptionId":"S1","chargeId":"api","quantity":"1","date":"2026-11-03"},
                 {"subscriptionId":"S1","chargeId":"c1","quantity":"1","date":"2026-11-03"}]""");
        var beforeStart = portal.post("/accounts/ACME/usage", """
                {"subscriptionId":"S1","chargeId":"api","quantity":"1","date":"2026-10-01"}""");

        assertEquals("[1].chargeId", LocalBillrun.json(recurringCharge.body()).get("field").asText(), recurringCharge.body());
        assertEquals("date", LocalBillrun.json(beforeStart.body()).get("field").asText());
        assertEquals(before, portal.itemCount(), "the valid first record was not written either");
    }
}

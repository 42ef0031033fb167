package com.billrun.functions.api;

import static com.billrun.functions.api.ApiFixture.READ;
import static com.billrun.functions.api.ApiFixture.assertProblem;
import static com.billrun.functions.api.ApiFixture.call;
import static com.billrun.functions.api.ApiFixture.createAccount;
import static com.billrun.functions.api.ApiFixture.ok;
import static com.billrun.functions.api.ApiFixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PUT /subscriptions/{id}/charges/{chargeId} over HTTP: a never-billed charge's tiers replaced (billing-core's rules
 * as at creation, 422 naming the field as sent, nothing written), recorded once in the account's activity, billed
 * by the next run at the new price to the cent, and refused (409 naming chargedThroughDate) once billed.
 */
class ApiChargeAmendmentTest {

    private final String tenant = ApiFixture.tenant("amend");
    private final String token = ApiFixture.allScopes(tenant);

    @Test
    void aNeverBilledChargeIsRepricedAuditedBilledAtItsNewPriceThenRefusedOnceBilled() {
        createAccount(token, "SEATS", "USD", 1);
        ok(201, call("POST", "/accounts/SEATS/subscriptions", token, """
                {"id":"S-SEATS","startDate":"2026-11-01","charges":[{"id":"seats","name":"Seats","type":"RECURRING",
                 "model":"TIERED","tiers":[{"upTo":"10","unitPrice":"12.00"},{"unitPrice":"11.00"}],"quantity":"25",
                 "billingPeriod":"MONTH","billingTiming":"IN_ADVANCE"}]}"""));
        String path = "/subscriptions/S-SEATS/charges/seats";
        Map<String, String> before = snapshot(tenant);

        JsonNode notOpen = assertProblem(422, call("PUT", path, token, "{\"tiers\":[{\"upTo\":\"10\",\"unitPrice\":\"12.00\"}]}"));
        assertEquals("tiers[0].upTo", notOpen.path("field").asText(), notOpen::toString);
        assertTrue(notOpen.path("detail").asText().contains("the last tier must be open"), notOpen::toString);
        JsonNode descending = assertProblem(422, call("PUT", path, token,
                "{\"tiers\":[{\"upTo\":\"10\",\"unitPrice\":\"12.00\"},{\"upTo\":\"5\",\"unitPrice\":\"11.00\"},{\"unitPrice\":\"9.00\"}]}"));
        assertEquals("tiers[1].upTo", descending.path("field").asText(), descending::toString);
        assertEquals("price", assertProblem(422, call("PUT", path, token, "{\"price\":\"10.00\"}")).path("field").asText());
        assertEquals("tiers[0].unitPrice", assertProblem(422, ApiFixture.offSpec("PUT", path, token,
                "{\"tiers\":[{\"unitPrice\":\"-1\"}]}")).path("field").asText());
        assertProblem(403, call("PUT", path, ApiFixture.token(tenant, READ), "{\"tiers\":[{\"unitPrice\":\"10.00\"}]}"));
        assertProblem(404, call("PUT", "/subscriptions/S-SEATS/charges/nope", token, "{\"tiers\":[{\"unitPrice\":\"10.00\"}]}"));
        assertProblem(404, call("PUT", "/subscriptions/nope/charges/seats", token, "{\"tiers\":[{\"unitPrice\":\"10.00\"}]}"));
        assertEquals(before, snapshot(tenant), "a refused amendment writes nothing");

        String fixed = "{\"tiers\":[{\"upTo\":\"10\",\"unitPrice\":\"12.00\"},{\"upTo\":null,\"unitPrice\":\"10.00\"}]}";
        JsonNode amended = ok(200, call("PUT", path, token, fixed));
        assertEquals("10.00", amended.at("/charges/0/tiers/1/unitPrice").asText(), amended::toString);
        assertFalse(amended.at("/charges/0/tiers/1").has("upTo"), amended::toString);
        assertEquals("25", amended.at("/charges/0/quantity").asText(), "quantity absent keeps it: " + amended);
        ok(200, call("PUT", path, token, fixed)); // the same pricing again: no second amendment
        JsonNode activity = ok(200, call("GET", "/accounts/SEATS/activity", token, null));
        assertEquals(1, activity.get("items").size(), activity::toString);
        JsonNode entry = activity.at("/items/0");
        assertEquals("CHARGE_AMENDED", entry.get("kind").asText());
        assertEquals("S-SEATS", entry.get("documentId").asText());
        assertEquals("0.00", entry.get("amount").asText());
        assertEquals("0.00", entry.get("balance").asText());
        assertTrue(entry.get("description").asText().contains("Seats (seats) of subscription S-SEATS repriced"), entry::toString);

        JsonNode run = ApiFixture.runToEnd(token, "{\"targetDate\":\"2026-11-01\",\"accountIds\":[\"SEATS\"]}");
        assertEquals("COMPLETED", run.get("status").asText(), run::toString);
        JsonNode invoice = ok(200, call("GET", "/bill-runs/" + run.get("id").asText() + "/invoices", token, null)).at("/items/0");
        assertEquals("270.00", invoice.get("subtotal").asText(), "10 x 12.00 + 15 x 10.00: " + invoice);
        assertEquals("297.00", invoice.get("total").asText(), invoice::toString);

        Map<String, String> billed = snapshot(tenant);
        JsonNode refused = assertProblem(409, call("PUT", path, token, fixed));
        assertEquals("chargedThroughDate", refused.path("field").asText(), refused::toString);
        assertTrue(refused.path("detail").asText().contains("credit note"), refused::toString);
        assertEquals(billed, snapshot(tenant), "a refused amendment writes nothing");
    }

    @Test
    void aFlatFeeIsRepricedByPriceAtTheCurrencysScaleWithItsQuantity() {
        createAccount(token, "FLAT", "JPY", 1);
        ApiFixture.createMonthly(token, "FLAT", "S-FLAT", "2026-11-01", "4900");
        String path = "/subscriptions/S-FLAT/charges/plan";
        Map<String, String> before = snapshot(tenant);
        JsonNode decimals = assertProblem(422, call("PUT", path, token, "{\"price\":\"4900.5\"}"));
        assertEquals("price", decimals.path("field").asText(), decimals::toString);
        assertEquals("tiers", assertProblem(422, call("PUT", path, token,
                "{\"tiers\":[{\"unitPrice\":\"10\"}]}")).path("field").asText());
        assertEquals("price", assertProblem(422, call("PUT", path, token, "{\"quantity\":\"2\"}")).path("field").asText(),
                "a FLAT_FEE charge needs its price");
        assertEquals(before, snapshot(tenant), "a refused amendment writes nothing");

        JsonNode amended = ok(200, call("PUT", path, token, "{\"price\":\"5900\",\"quantity\":\"2\"}"));
        assertEquals("5900", amended.at("/charges/0/price").asText(), amended::toString);
        assertEquals("2", amended.at("/charges/0/quantity").asText(), amended::toString);
        assertEquals("Monthly plan", amended.at("/charges/0/name").asText(), "the rest of the charge stays: " + amended);
        assertEquals("MONTH", amended.at("/charges/0/billingPeriod").asText(), amended::toString);
        JsonNode activity = ok(200, call("GET", "/accounts/FLAT/activity", token, null)).at("/items/0");
        assertEquals("CHARGE_AMENDED", activity.get("kind").asText(), activity::toString);
        assertEquals("0", activity.get("amount").asText(), "JPY has no minor units: " + activity);
    }
}

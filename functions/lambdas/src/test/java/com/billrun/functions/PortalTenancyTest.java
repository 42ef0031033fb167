package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The tenant comes from the token only: another tenant's ids are 404 and nothing of theirs changes; scopes per route. */
class PortalTenancyTest {

    private static final String SUBSCRIPTION = """
            {"id":"S1","startDate":"2026-10-01","charges":[{"id":"api","name":"API","type":"USAGE","model":"PER_UNIT",
             "price":"0.01","billingPeriod":"MONTH","billingTiming":"IN_ARREARS"}]}""";

    @Test
    void anotherTenantsAccountAndSubscriptionAreNotFoundAndStayAsTheyWere() {
        Portal owner = Portal.fresh("tenancy-owner");
        owner.ok(owner.post("/accounts", """
                {"id":"ACME","name":"Acme","billToEmail":"ap@acme.example","currency":"USD","billCycleDay":1}"""), 201);
        owner.ok(owner.post("/accounts/ACME/subscriptions", SUBSCRIPTION), 201);
        int before = owner.itemCount();
        Portal other = Portal.fresh("tenancy-other");

        assertEquals(404, other.get("/accounts/ACME").statusCode());
        assertEquals(404, other.get("/accounts/ACME/payments").statusCode());
        assertEquals(404, other.get("/accounts/ACME/invoices").statusCode());
        assertEquals(404, other.post("/accounts/ACME/subscriptions", SUBSCRIPTION.replace("S1", "S2")).statusCode());
        assertEquals(404, other.post("/subscriptions/S1/cancel", "{\"effectiveDate\":\"2026-11-01\"}").statusCode());
        assertEquals(404, other.post("/accounts/ACME/usage",
                "{\"subscriptionId\":\"S1\",\"chargeId\":\"api\",\"quantity\":\"5\",\"date\":\"2026-11-01\"}").statusCode());
        assertEquals(404, other.post("/accounts/ACME/payments", "{\"amount\":\"5.00\",\"date\":\"2026-11-01\"}").statusCode());
        assertEquals(0, other.ok(other.get("/accounts"), 200).get("items").size());
        assertEquals(before, owner.itemCount());
        assertEquals(404, owner.offSpec().get("/accounts/" + "A".repeat(65)).statusCode(), "longer than any id");
    }

    @Test
    void readScopeMayPreviewButNotWrite() {
        Portal writer = Portal.fresh("tenancy-scopes");
        writer.ok(writer.post("/accounts", """
                {"id":"ACME","name":"Acme","billToEmail":"ap@acme.example","currency":"USD","billCycleDay":1}"""), 201);
        Portal reader = writer.withScopes("billing/read");
        int before = writer.itemCount();

        assertEquals(200, reader.post("/accounts/ACME/invoice-preview", "{\"targetDate\":\"2026-11-01\"}").statusCode());
        assertEquals(200, reader.get("/settings").statusCode());
        assertEquals(403, reader.post("/accounts/ACME/payments", "{\"amount\":\"5.00\",\"date\":\"2026-11-01\"}").statusCode());
        assertEquals(403, reader.put("/settings", "{\"prorationMethod\":\"ACTUAL_DAYS\",\"roundingMode\":\"HALF_UP\"}").statusCode());
        assertEquals(403, reader.offSpec().post("/accounts", "{}").statusCode());
        assertEquals(403, writer.withScopes("billing/write").get("/accounts/ACME").statusCode());
        assertEquals(before, writer.itemCount());
    }
}

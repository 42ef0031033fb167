package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on POSTs, as Stripe does it: replay the first answer, refuse the key with another request. */
class PortalIdempotencyTest {

    private static final String ACCOUNT = """
            {"name":"Initech","billToEmail":"ap@initech.example","currency":"EUR","billCycleDay":15}""";

    @Test
    void theSameKeyAndBodyReplayTheFirstAnswerWithoutCreatingTwice() {
        Portal portal = Portal.fresh("idem-replay");

        var first = portal.send("POST", "/accounts", ACCOUNT, Map.of("Idempotency-Key", "create-initech"));
        var again = portal.send("POST", "/accounts", ACCOUNT, Map.of("Idempotency-Key", "create-initech"));

        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, again.statusCode());
        assertEquals(first.body(), again.body(), "the same generated id");
        assertEquals("true", again.headers().firstValue("idempotent-replayed").orElseThrow());
        assertFalse(first.headers().firstValue("idempotent-replayed").isPresent());
        assertEquals(1, portal.ok(portal.get("/accounts"), 200).get("items").size());
    }

    @Test
    void theSameKeyWithAnotherBodyIs422NamingTheHeader() {
        Portal portal = Portal.fresh("idem-mismatch");
        portal.send("POST", "/accounts", ACCOUNT, Map.of("Idempotency-Key", "k"));
        int before = portal.itemCount();

        var reused = portal.send("POST", "/accounts", ACCOUNT.replace("Initech", "Initrode"), Map.of("Idempotency-Key", "k"));
        var otherPath = portal.offSpec().send("POST", "/accounts/NOPE/usage", ACCOUNT, Map.of("Idempotency-Key", "k"));

        assertEquals(422, reused.statusCode(), reused.body());
        JsonNode problem = LocalBillrun.json(reused.body());
        assertEquals("Idempotency-Key", problem.get("field").asText());
        assertTrue(problem.get("type").asText().endsWith("/idempotency-key-reused"));
        assertEquals(422, otherPath.statusCode());
        assertEquals(before, portal.itemCount());
    }

    @Test
    void aRefusedRequestKeepsNothingSoItsCorrectionMayUseTheSameKey() {
        Portal portal = Portal.fresh("idem-refused");
        int before = portal.itemCount();

        var refused = portal.send("POST", "/accounts", ACCOUNT.replace("EUR", "XYZ"), Map.of("Idempotency-Key", "fix-me"));
        int afterRefusal = portal.itemCount();
        var corrected = portal.send("POST", "/accounts", ACCOUNT, Map.of("Idempotency-Key", "fix-me"));

        assertEquals(422, refused.statusCode());
        assertEquals(before, afterRefusal, "no account and no idempotency record");
        assertEquals(201, corrected.statusCode(), corrected.body());
    }

    @Test
    void aPaymentSentTwiceWithItsKeyIsAppliedOnce() {
        Portal portal = Portal.fresh("idem-pay");
        portal.ok(portal.post("/accounts", ACCOUNT.replace("{", "{\"id\":\"I1\",")), 201);
        String payment = "{\"amount\":\"25.00\",\"date\":\"2026-11-01\"}";

        var first = portal.send("POST", "/accounts/I1/payments", payment, Map.of("Idempotency-Key", "remittance-7"));
        var retry = portal.send("POST", "/accounts/I1/payments", payment, Map.of("Idempotency-Key", "remittance-7"));

        assertEquals(first.body(), retry.body());
        assertEquals(1, portal.ok(portal.get("/accounts/I1/payments"), 200).get("items").size());
        assertEquals("-25.00", portal.ok(portal.get("/accounts/I1"), 200).get("balance").asText());
    }

    @Test
    void aKeyOutsideItsFormatIsRefusedNamingTheHeader() {
        Portal portal = Portal.fresh("idem-format");

        var tooLong = portal.offSpec().send("POST", "/accounts", ACCOUNT, Map.of("Idempotency-Key", "k".repeat(256)));

        assertEquals(400, tooLong.statusCode());
        assertEquals("Idempotency-Key", LocalBillrun.json(tooLong.body()).get("field").asText());
        assertEquals(0, portal.itemCount());
    }
}

package com.billrun.functions.api;

import static com.billrun.functions.api.ApiFixture.READ;
import static com.billrun.functions.api.ApiFixture.WRITE;
import static com.billrun.functions.api.ApiFixture.assertProblem;
import static com.billrun.functions.api.ApiFixture.call;
import static com.billrun.functions.api.ApiFixture.createAccount;
import static com.billrun.functions.api.ApiFixture.ok;
import static com.billrun.functions.api.ApiFixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reading subscriptions over HTTP: one by id and an account's, paged, each with its status today (PENDING, ACTIVE,
 * ENDED, derived from the UTC date), its end date and its charges' charged-through dates as a run left them;
 * {@code billing/read}; another tenant's ids are 404.
 */
class ApiSubscriptionsTest {

    private final String tenant = ApiFixture.tenant("subs");
    private final String token = ApiFixture.allScopes(tenant);

    @Test
    void anAccountsSubscriptionsWithStatusEndDateAndChargedThroughDates() {
        LocalDate start = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(2);
        LocalDate future = LocalDate.now(ZoneOffset.UTC).plusMonths(2).withDayOfMonth(1);
        createAccount(token, "SUBS", "USD", 1);
        subscription("S-ACTIVE", start, "100.00");
        subscription("S-ENDED", start, "31.00");
        subscription("S-FUTURE", future, "50.00");
        LocalDate end = start.plusDays(10);
        JsonNode ended = ok(200, call("POST", "/subscriptions/S-ENDED/cancel", token, "{\"effectiveDate\":\"" + end + "\"}"));
        assertEquals("ENDED", ended.get("status").asText(), ended::toString);
        JsonNode run = ApiFixture.runToEnd(token, "{\"targetDate\":\"" + start + "\",\"accountIds\":[\"SUBS\"]}");
        assertEquals("COMPLETED", run.get("status").asText(), run::toString);

        JsonNode active = ok(200, call("GET", "/subscriptions/S-ACTIVE", token, null));
        assertEquals("S-ACTIVE", active.get("id").asText());
        assertEquals("SUBS", active.get("accountId").asText());
        assertEquals("ACTIVE", active.get("status").asText());
        assertEquals(start.toString(), active.get("startDate").asText());
        assertFalse(active.has("endDate"), active::toString);
        assertEquals("100.00", active.at("/charges/0/price").asText());
        assertEquals(start.plusMonths(1).toString(), active.at("/charges/0/chargedThroughDate").asText(),
                "the run billed the first month in advance: " + active);

        JsonNode firstPage = ok(200, call("GET", "/accounts/SUBS/subscriptions?limit=2", token, null));
        assertEquals(List.of("S-ACTIVE", "S-ENDED"), ids(firstPage));
        JsonNode endedRead = firstPage.at("/items/1");
        assertEquals("ENDED", endedRead.get("status").asText());
        assertEquals(end.toString(), endedRead.get("endDate").asText());
        assertEquals(end.toString(), endedRead.at("/charges/0/chargedThroughDate").asText(), "billed up to its end: " + endedRead);
        JsonNode lastPage = ok(200, call("GET", "/accounts/SUBS/subscriptions?limit=2&cursor="
                + URLEncoder.encode(firstPage.get("nextCursor").asText(), StandardCharsets.UTF_8), token, null));
        assertEquals(List.of("S-FUTURE"), ids(lastPage));
        assertTrue(lastPage.get("nextCursor").isNull(), lastPage::toString);
        JsonNode pending = lastPage.at("/items/0");
        assertEquals("PENDING", pending.get("status").asText());
        assertFalse(pending.at("/charges/0").has("chargedThroughDate"), "never billed: " + pending);
        assertEquals(ids(ok(200, call("GET", "/accounts/SUBS/subscriptions", token, null))), List.of("S-ACTIVE", "S-ENDED", "S-FUTURE"));
    }

    @Test
    void readingNeedsBillingReadAnotherTenantsIdsAre404AndBadParametersAre400() {
        createAccount(token, "OWN", "USD", 1);
        subscription("S-OWN", LocalDate.of(2026, 12, 1), "10.00");
        createAccount(token, "EMPTY", "USD", 1);
        assertEquals(0, ok(200, call("GET", "/accounts/EMPTY/subscriptions", token, null)).get("items").size());
        Map<String, String> before = snapshot(tenant);

        for (String path : List.of("/subscriptions/S-OWN", "/accounts/OWN/subscriptions")) {
            JsonNode forbidden = assertProblem(403, call("GET", path, ApiFixture.token(tenant, WRITE, ApiFixture.POST), null));
            assertTrue(forbidden.path("detail").asText().contains(READ), forbidden::toString);
            String intruder = ApiFixture.tenant("subs-intruder");
            JsonNode notFound = assertProblem(404, call("GET", path, ApiFixture.allScopes(intruder), null));
            assertFalse(notFound.toString().contains(tenant), notFound::toString);
            assertEquals(0, ApiFixture.itemCount(intruder));
        }
        assertProblem(404, call("GET", "/subscriptions/no-such-subscription", token, null));
        assertProblem(404, call("GET", "/accounts/no-such-account/subscriptions", token, null));
        assertEquals("limit", assertProblem(400, ApiFixture.offSpec("GET", "/accounts/OWN/subscriptions?limit=101", ApiFixture.token(tenant, READ), null))
                .path("field").asText());
        assertEquals("cursor", assertProblem(400, call("GET", "/accounts/OWN/subscriptions?cursor=nonsense", ApiFixture.token(tenant, READ), null))
                .path("field").asText());
        assertEquals(before, snapshot(tenant), "reading writes nothing");
    }

    private void subscription(String id, LocalDate start, String price) {
        String accountId = id.equals("S-OWN") ? "OWN" : "SUBS";
        JsonNode created = ok(201, call("POST", "/accounts/" + accountId + "/subscriptions", token, """
                {"id":"%s","startDate":"%s","charges":[{"id":"plan","name":"Monthly plan","type":"RECURRING","model":"FLAT_FEE",
                 "price":"%s","billingPeriod":"MONTH","billingTiming":"IN_ADVANCE"}]}""".formatted(id, start, price)));
        assertTrue(List.of("PENDING", "ACTIVE").contains(created.get("status").asText()), created::toString);
    }

    private static List<String> ids(JsonNode page) {
        return java.util.stream.StreamSupport.stream(page.get("items").spliterator(), false).map(item -> item.get("id").asText()).toList();
    }
}

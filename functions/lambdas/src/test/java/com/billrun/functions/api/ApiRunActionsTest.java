package com.billrun.functions.api;

import static com.billrun.functions.api.ApiFixture.EMAIL;
import static com.billrun.functions.api.ApiFixture.READ;
import static com.billrun.functions.api.ApiFixture.WRITE;
import static com.billrun.functions.api.ApiFixture.allScopes;
import static com.billrun.functions.api.ApiFixture.assertProblem;
import static com.billrun.functions.api.ApiFixture.call;
import static com.billrun.functions.api.ApiFixture.createAccount;
import static com.billrun.functions.api.ApiFixture.createMonthly;
import static com.billrun.functions.api.ApiFixture.ok;
import static com.billrun.functions.api.ApiFixture.snapshot;
import static com.billrun.functions.api.ApiFixture.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.BillingPeriod;
import com.billrun.core.BillingTiming;
import com.billrun.core.Charge;
import com.billrun.core.ChargeType;
import com.billrun.core.PricingModel;
import com.billrun.core.Subscription;
import com.billrun.functions.ApiContract.Intent;
import com.billrun.functions.LocalBillrun;
import com.billrun.functions.api.ApiFixture.Answer;
import com.billrun.store.AccountBuilder;
import com.billrun.store.dynamodb.Keys;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The operator's actions on a finished run, over HTTP on the local runtime: POST /bill-runs/{id}/retry-failures (a
 * new run over the failed accounts, each run naming the other; fixed accounts bill, broken ones fail again the same
 * way, nothing bills twice) and DELETE /bill-runs/{id} (CANCELED or ERROR runs without posted invoices; an ERROR run
 * is rolled back first; a tombstone with its audit trail, out of the listing). Each refusal writes nothing.
 */
class ApiRunActionsTest {

    private static final String DECEMBER = "{\"targetDate\":\"2026-12-01\"}";
    private final String tenant = ApiFixture.tenant("actions");
    private final String token = allScopes(tenant);
    private final LocalBillrun local = ApiFixture.local();

    // ------------------------------------------------------------------ retry the failures

    @Test
    void aRetryBillsWhatWasFixedFailsWhatIsStillBrokenTheSameWayAndBillsNothingTwice() {
        createAccount(token, "GOOD", "USD", 1);
        createMonthly(token, "GOOD", "S-GOOD", "2026-12-01", "10.00");
        createAccount(token, "MIXED", "USD", 1);
        createMonthly(token, "MIXED", "S-OK", "2026-12-01", "20.00");
        brokenSubscription("MIXED", "S-BAD");
        negativeTaxRate("FIXED", "30.00");
        negativeTaxRate("STILL", "40.00");
        JsonNode first = ApiFixture.runToEnd(token, DECEMBER);
        String firstId = first.get("id").asText();
        assertEquals("COMPLETED", first.get("status").asText(), first::toString);
        assertEquals(3, first.at("/counts/failedAccounts").asInt(), "MIXED (a subscription), FIXED and STILL: " + first);
        Map<String, JsonNode> firstFailures = failures(firstId);

        fixTaxRate("FIXED");
        deleteSubscription("MIXED", "S-BAD");
        createMonthly(token, "MIXED", "S-BAD-FIXED", "2026-12-01", "5.00");
        Map<String, String> key = Map.of("Idempotency-Key", "retry-" + firstId);
        Answer accepted = ApiFixture.send(Intent.VALID, "POST", "/bill-runs/" + firstId + "/retry-failures", token, null, null, key);
        Answer replayed = ApiFixture.send(Intent.VALID, "POST", "/bill-runs/" + firstId + "/retry-failures", token, null, null, key);

        String retryId = ok(202, accepted).get("id").asText();
        assertEquals("PENDING", accepted.json().get("status").asText(), accepted::toString);
        assertEquals(retryId, ok(202, replayed).get("id").asText(), "the same key replays the first answer");
        assertEquals("true", replayed.headers().firstValue("Idempotent-Replayed").orElse(""), replayed::toString);
        JsonNode retry = ApiFixture.settled(token, retryId);
        assertEquals("COMPLETED", retry.get("status").asText(), retry::toString);
        assertEquals(firstId, retry.get("retryOf").asText());
        assertEquals(first.get("options"), retry.get("options"), "same dates and options");
        assertEquals(3, retry.at("/counts/accountsSelected").asInt(), "the failed accounts only: " + retry);
        assertEquals(1, retry.at("/counts/failedAccounts").asInt(), retry::toString);
        assertEquals("38.50", retry.at("/totals/USD").asText(), "FIXED 33.00 + MIXED's fixed subscription 5.50");
        Map<String, JsonNode> outcomes = new TreeMap<>();
        ok(200, call("GET", "/bill-runs/" + retryId + "/accounts", token, null)).get("items")
                .forEach(account -> outcomes.put(account.get("accountId").asText(), account));
        assertEquals(List.of("FIXED", "MIXED", "STILL"), List.copyOf(outcomes.keySet()), "GOOD is not retried");
        assertEquals("33.00", outcomes.get("FIXED").get("total").asText());
        assertEquals("5.50", outcomes.get("MIXED").get("total").asText(), "S-OK is not billed again");
        assertEquals("FAILED", outcomes.get("STILL").get("outcome").asText());
        Map<String, JsonNode> retryFailures = failures(retryId);
        assertEquals(List.of("STILL"), List.copyOf(retryFailures.keySet()));
        assertEquals(firstFailures.get("STILL"), retryFailures.get("STILL"), "the same field and reason");
        assertEquals(2, ok(200, call("GET", "/accounts/MIXED/invoices", token, null)).get("items").size(),
                "MIXED: the first run's invoice and the retry's");
        JsonNode original = ok(200, call("GET", "/bill-runs/" + firstId, token, null));
        assertEquals(List.of(retryId), texts(original.get("retries")));
        JsonNode audit = original.get("auditTrail").get(original.get("auditTrail").size() - 1);
        assertEquals("RETRIED", audit.get("action").asText());
        assertEquals(EMAIL, audit.get("by").asText());
        assertEquals(2, ok(200, call("GET", "/bill-runs", token, null)).get("items").size(), "one retry run, not two");
    }

    @Test
    void aRunWithoutFailuresOrNotCompletedOrPostedCannotBeRetriedAndNothingIsWritten() {
        createAccount(token, "GOOD", "USD", 1);
        createMonthly(token, "GOOD", "S-GOOD", "2026-12-01", "10.00");
        String runId = ApiFixture.runToEnd(token, DECEMBER).get("id").asText();
        Map<String, String> before = snapshot(tenant);

        assertTrue(assertProblem(409, call("POST", "/bill-runs/" + runId + "/retry-failures", token, null))
                .get("detail").asText().contains("no failed accounts"));
        assertEquals(before, snapshot(tenant));

        negativeTaxRate("STILL", "40.00");
        JsonNode failed = ApiFixture.runToEnd(token, "{\"targetDate\":\"2026-12-01\",\"accountIds\":[\"STILL\"]}");
        assertEquals("ERROR", failed.get("status").asText(), "nothing could be billed: " + failed);
        before = snapshot(tenant);
        assertTrue(assertProblem(409, call("POST", "/bill-runs/" + failed.get("id").asText() + "/retry-failures", token, null))
                .get("detail").asText().contains("ERROR"));
        assertEquals(before, snapshot(tenant), "an ERROR run is resumed or cancelled, not retried");
    }

    @Test
    void retryingARunThatPostsItselfNeedsThePostingScope() {
        negativeTaxRate("STILL", "40.00");
        createAccount(token, "GOOD", "USD", 1);
        createMonthly(token, "GOOD", "S-GOOD", "2026-12-01", "10.00");
        JsonNode posted = ApiFixture.runToEnd(token, "{\"targetDate\":\"2026-12-01\",\"autoPost\":true}");
        assertEquals("POSTED", posted.get("status").asText(), posted::toString);
        String path = "/bill-runs/" + posted.get("id").asText() + "/retry-failures";
        Map<String, String> before = snapshot(tenant);

        JsonNode refused = assertProblem(403, call("POST", path, token(tenant, READ, WRITE), null));

        assertEquals("autoPost", refused.get("field").asText(), refused::toString);
        assertTrue(refused.get("detail").asText().contains("billing/post"), refused::toString);
        assertEquals(before, snapshot(tenant));
        String retryId = ok(202, call("POST", path, token, null)).get("id").asText();
        JsonNode retry = ApiFixture.settled(token, retryId);
        assertEquals("ERROR", retry.get("status").asText(), "STILL is still broken: nothing billed: " + retry);
    }

    // ------------------------------------------------------------------ list by status

    @Test
    void theListingFilteredByStatusShowsOnlyThatStatusNewestFirst() {
        createAccount(token, "GOOD", "USD", 1);
        createMonthly(token, "GOOD", "S-GOOD", "2026-12-01", "10.00");
        String december = ApiFixture.runToEnd(token, DECEMBER).get("id").asText();
        ok(202, call("POST", "/bill-runs/" + december + "/cancel", token, null));
        String january = ApiFixture.runToEnd(token, "{\"targetDate\":\"2027-01-01\"}").get("id").asText();
        String february = ApiFixture.runToEnd(token, "{\"targetDate\":\"2027-02-01\"}").get("id").asText();

        assertEquals(List.of(december), texts(ok(200, call("GET", "/bill-runs?status=CANCELED", token, null)).get("items").findValues("id")));
        JsonNode completed = ok(200, call("GET", "/bill-runs?status=COMPLETED", token, null));
        assertEquals(List.of(february, january), texts(completed.get("items").findValues("id")), "newest first");
        assertTrue(completed.get("nextCursor").isNull(), completed::toString);
        JsonNode first = ok(200, call("GET", "/bill-runs?status=COMPLETED&limit=1", token, null));
        assertEquals(List.of(february), texts(first.get("items").findValues("id")));
        String next = "/bill-runs?status=COMPLETED&limit=1&cursor=" + first.get("nextCursor").asText();
        assertEquals(List.of(january), texts(ok(200, call("GET", next, token, null)).get("items").findValues("id")));
        assertEquals(List.of(), texts(ok(200, call("GET", "/bill-runs?status=POSTED", token, null)).get("items").findValues("id")));
        assertEquals(3, ok(200, call("GET", "/bill-runs", token, null)).get("items").size(), "no status: every run");
    }

    // ------------------------------------------------------------------ delete

    @Test
    void aCanceledRunIsDeletedOnceAndKeepsItsAuditTrailOutOfTheListing() {
        createAccount(token, "GOOD", "USD", 1);
        createMonthly(token, "GOOD", "S-GOOD", "2026-12-01", "10.00");
        String runId = ApiFixture.runToEnd(token, DECEMBER).get("id").asText();
        ok(202, call("POST", "/bill-runs/" + runId + "/cancel", token, null));

        Answer deleted = call("DELETE", "/bill-runs/" + runId, token, null);

        assertEquals(204, deleted.status(), deleted::toString);
        JsonNode tombstone = ok(200, call("GET", "/bill-runs/" + runId, token, null));
        assertEquals("DELETED", tombstone.get("status").asText());
        JsonNode audit = tombstone.get("auditTrail");
        assertEquals(List.of("CREATED", "CANCELED", "DELETED"), texts(audit.findValues("action")));
        assertEquals(EMAIL, audit.get(2).get("by").asText());
        assertEquals(List.of(), texts(ok(200, call("GET", "/bill-runs", token, null)).get("items").findValues("id")),
                "out of the listing");
        Map<String, String> before = snapshot(tenant);
        assertEquals(204, call("DELETE", "/bill-runs/" + runId, token, null).status(), "deleting again is harmless");
        assertEquals(before, snapshot(tenant), "and changes nothing, not even the audit trail");
        assertProblem(409, call("POST", "/bill-runs/" + runId + "/cancel", token, null));
        assertProblem(409, call("POST", "/bill-runs/" + runId + "/post", token, null));
    }

    @Test
    void anErrorRunIsRolledBackByItsDeleteAndItsPeriodCanBeBilledAgain() {
        createAccount(token, "GOOD", "USD", 1);
        createMonthly(token, "GOOD", "S-GOOD", "2026-12-01", "10.00");
        local.injectFault(tenant, new LocalBillrun.Fault("CompleteFunction", "java.lang.IllegalStateException",
                "the store answered nonsense"));
        JsonNode failed = ApiFixture.runToEnd(token, DECEMBER);
        String runId = failed.get("id").asText();
        assertEquals("ERROR", failed.get("status").asText(), failed::toString);
        assertEquals("DRAFT", ok(200, call("GET", "/bill-runs/" + runId + "/invoices", token, null)).at("/items/0/status").asText());
        assertTrue(preview("GOOD").get("invoice").isNull(), "December is billed by the ERROR run's draft");

        assertEquals(204, call("DELETE", "/bill-runs/" + runId, token, null).status());

        JsonNode tombstone = ok(200, call("GET", "/bill-runs/" + runId, token, null));
        assertEquals("DELETED", tombstone.get("status").asText());
        assertEquals(List.of("CREATED", "CANCELED", "DELETED"), texts(tombstone.get("auditTrail").findValues("action")));
        assertEquals("CANCELED", ok(200, call("GET", "/bill-runs/" + runId + "/invoices", token, null)).at("/items/0/status").asText(),
                "its draft is canceled");
        assertEquals("11.00", preview("GOOD").at("/invoice/total").asText(), "December can be billed again");
    }

    @Test
    void aRunThatIsNotCanceledOrErrorOrHasAPostedInvoiceCannotBeDeletedAndNothingIsWritten() throws Exception {
        createAccount(token, "GOOD", "USD", 1);
        createMonthly(token, "GOOD", "S-GOOD", "2026-12-01", "10.00");
        String completed = ApiFixture.runToEnd(token, DECEMBER).get("id").asText();
        Map<String, String> before = snapshot(tenant);
        assertTrue(assertProblem(409, call("DELETE", "/bill-runs/" + completed, token, null)).get("detail").asText().contains("COMPLETED"));
        assertEquals(before, snapshot(tenant));

        ok(202, call("POST", "/bill-runs/" + completed + "/post", token, null));
        assertEquals("POSTED", ApiFixture.awaitRun(token, completed, java.util.Set.of("POSTED")).get("status").asText());
        local.awaitExecution("PostRunStateMachine", completed + "-post-1", java.time.Duration.ofSeconds(60)); // its email sent
        before = snapshot(tenant);
        assertProblem(409, call("DELETE", "/bill-runs/" + completed, token, null));
        assertEquals(before, snapshot(tenant));
        assertEquals(1, ok(200, call("GET", "/bill-runs", token, null)).get("items").size(), "still listed");
    }

    // ------------------------------------------------------------------ data as a migration left it, and its fixes

    /** An account whose stored tax rate is negative: the engine refuses the whole account (FAILED). */
    private void negativeTaxRate(String accountId, String price) {
        local.store().accounts().create(tenant, AccountBuilder.account(accountId).currency("USD").billCycleDay(1)
                .batch("Batch1").taxRate("-5").build());
        createMonthly(token, accountId, "S-" + accountId, "2026-12-01", price);
    }

    private void fixTaxRate(String accountId) {
        local.runtime().dynamoDb().updateItem(u -> u.tableName(table()).key(Keys.account(tenant, accountId).toAttributes())
                .updateExpression("SET taxRate = :rate").expressionAttributeValues(Map.of(":rate", AttributeValue.fromS("10"))));
    }

    /** A subscription whose charge has a negative quantity: the engine refuses that subscription only. */
    private void brokenSubscription(String accountId, String subscriptionId) {
        local.store().subscriptions().create(tenant, accountId, new Subscription(subscriptionId, LocalDate.of(2026, 12, 1), null,
                List.of(new Charge("plan", "Monthly plan", ChargeType.RECURRING, PricingModel.FLAT_FEE, new BigDecimal("10.00"),
                        null, new BigDecimal("-1"), BillingPeriod.MONTH, BillingTiming.IN_ADVANCE, null, null, false, null))));
    }

    private void deleteSubscription(String accountId, String subscriptionId) {
        local.runtime().dynamoDb().deleteItem(d -> d.tableName(table()).key(Map.of(
                Keys.PK, AttributeValue.fromS(Keys.accountPartition(tenant, accountId)),
                Keys.SK, AttributeValue.fromS(Keys.SUBSCRIPTION_PREFIX + subscriptionId))));
    }

    private String table() {
        return local.wired().tables().get("BillrunTable");
    }

    private JsonNode preview(String accountId) {
        return ok(200, call("POST", "/accounts/" + accountId + "/invoice-preview", token, DECEMBER));
    }

    /** The run's failures by account (one each here), without the account id itself. */
    private Map<String, JsonNode> failures(String runId) {
        Map<String, JsonNode> byAccount = new TreeMap<>();
        ok(200, call("GET", "/bill-runs/" + runId + "/failures", token, null)).get("items")
                .forEach(failure -> byAccount.put(failure.get("accountId").asText(), failure));
        return byAccount;
    }

    private static List<String> texts(Iterable<JsonNode> nodes) {
        List<String> texts = new ArrayList<>();
        nodes.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}

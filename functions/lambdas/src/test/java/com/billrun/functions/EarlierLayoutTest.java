package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.BillingPeriod;
import com.billrun.core.BillingTiming;
import com.billrun.core.Charge;
import com.billrun.core.ChargeType;
import com.billrun.core.PricingModel;
import com.billrun.core.Subscription;
import com.billrun.local.lambda.Invocation;
import com.billrun.store.AccountBuilder;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunStatus;
import com.billrun.store.BillrunStore;
import com.billrun.store.EarlierLayout;
import com.billrun.store.RunOptionsBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Accounts and subscriptions stored before their index keys moved to listing and reference items
 * (functions/store/DATA-MODEL.md, "Index keys on items of their own"), beside new ones, through the API and the real
 * use cases: listed with their balances, selected by all, bill cycle day and batch, billed, posted, a subscription
 * found and cancelled by its id.
 */
class EarlierLayoutTest {

    @Test
    void accountsAndSubscriptionsOfTheEarlierLayoutListSelectBillAndPostBesideNewOnes() {
        Portal portal = Portal.fresh("earlier");
        BillrunStore store = portal.local().store();
        String tenantId = portal.tenantId();
        EarlierLayout.account(store, tenantId, AccountBuilder.account("OLD1").build());
        EarlierLayout.subscription(store, tenantId, "OLD1", monthly("S-OLD1", "10.00"));
        EarlierLayout.account(store, tenantId, AccountBuilder.account("OLD2").billCycleDay(15).batch("Batch2").build());
        EarlierLayout.subscription(store, tenantId, "OLD2", monthly("S-OLD2", "20.00"));
        portal.tenant().monthly("NEW1", "USD", "30.00");

        assertEquals(Map.of("NEW1", "0.00", "OLD1", "0.00", "OLD2", "0.00"), balances(portal));
        assertEquals("OLD1", portal.ok(portal.get("/subscriptions/S-OLD1"), 200).get("accountId").asText());

        BillRun firsts = portal.tenant().completedRun(RunOptionsBuilder.on(Tenants.DECEMBER_1).billCycleDay(1).build());
        assertEquals(2, firsts.counts().invoicesGenerated(), "OLD1 and NEW1: bill cycle day 1");
        post(portal, firsts);
        BillRun batch2 = portal.tenant().completedRun(RunOptionsBuilder.on(Tenants.DECEMBER_1).batches("Batch2").build());
        assertEquals(1, batch2.counts().invoicesGenerated(), "OLD2: Batch2");
        post(portal, batch2);
        BillRun all = portal.tenant().completedRun();
        assertEquals(3, all.counts().accountsSelected(), "every account, whatever its layout");
        assertEquals(0, all.counts().invoicesGenerated(), "December already billed for each");

        assertEquals(Map.of("NEW1", "30.00", "OLD1", "10.00", "OLD2", "9.33"), balances(portal),
                "OLD2 (bill cycle day 15): the stub December 1-14, 20.00 x 14/30 days of its November 15 cycle");
        JsonNode cancelled = portal.ok(portal.post("/subscriptions/S-OLD1/cancel", "{\"effectiveDate\":\"2027-01-01\"}"), 200);
        assertEquals("2027-01-01", cancelled.get("endDate").asText());
    }

    private static void post(Portal portal, BillRun run) {
        Invocation invocation = portal.local().invokeFunction("PostFunction", Tenants.task(portal.tenantId(), run.id()));
        assertTrue(!invocation.failed(), () -> "post failed: " + invocation.error());
        assertEquals(BillRunStatus.POSTED, portal.local().store().billRuns().get(portal.tenantId(), run.id()).status());
    }

    /** GET /accounts: each account's id and balance (at the cent: an account the store created shows 0). */
    private static Map<String, String> balances(Portal portal) {
        Map<String, String> balances = new TreeMap<>();
        portal.ok(portal.get("/accounts"), 200).get("items")
                .forEach(account -> balances.put(account.get("id").asText(),
                        new BigDecimal(account.get("balance").asText()).setScale(2).toPlainString()));
        return balances;
    }

    private static Subscription monthly(String id, String price) {
        return new Subscription(id, Tenants.DECEMBER_1, null, List.of(new Charge("plan", "Monthly plan", ChargeType.RECURRING,
                PricingModel.FLAT_FEE, new BigDecimal(price), null, BigDecimal.ONE, BillingPeriod.MONTH,
                BillingTiming.IN_ADVANCE, null, null, false, null)));
    }
}

package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.billrun.core.AccountStatus;
import com.billrun.core.BillingPeriod;
import com.billrun.core.BillingRequest;
import com.billrun.core.BillingTiming;
import com.billrun.core.Charge;
import com.billrun.core.ChargeType;
import com.billrun.core.Discount;
import com.billrun.core.Invoice;
import com.billrun.core.InvoiceGenerator;
import com.billrun.core.PricingModel;
import com.billrun.core.ProrationMethod;
import com.billrun.core.Subscription;
import com.billrun.core.TenantSettings;
import com.billrun.core.Tier;
import com.billrun.core.UsageRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What goes into the table comes back equal: every charge field, amounts with their scale, dates, usage. */
class ItemMappingTest {

    private static final String TENANT = "mapping";
    private static final LocalDate JAN_15 = LocalDate.of(2026, 1, 15);
    private static BillrunStore store;

    @BeforeAll
    static void table() {
        store = LocalTable.create();
    }

    @Test
    void anAccountsSubscriptionsAndUsageReadBackAsWritten() {
        CustomerAccount account = new CustomerAccount("acc", "Kuwait Trading", "ap@kt.example", "KWD", 31, "Batch7",
                new BigDecimal("7.500"), 45, AccountStatus.PAST_DUE, new BigDecimal("12.340"));
        Subscription subscription = new Subscription("sub", JAN_15, LocalDate.of(2026, 12, 31), List.of(
                new Charge("base", "Base plan", ChargeType.RECURRING, PricingModel.PER_UNIT, new BigDecimal("10.125"), null,
                        new BigDecimal("3"), BillingPeriod.QUARTER, BillingTiming.IN_ARREARS, null,
                        Discount.percent("12.5", 2), true, LocalDate.of(2026, 4, 1)),
                new Charge("calls", "Calls", ChargeType.USAGE, PricingModel.TIERED, null,
                        List.of(new Tier(new BigDecimal("100"), new BigDecimal("0.012345")), new Tier(null, new BigDecimal("0.010000"))),
                        null, BillingPeriod.MONTH, BillingTiming.IN_ARREARS, null, null, false, null),
                new Charge("setup", "Setup", ChargeType.ONE_TIME, PricingModel.FLAT_FEE, new BigDecimal("50.000"), null, null,
                        null, null, LocalDate.of(2026, 2, 1), Discount.amount("5.000", null), true, null)));
        UsageRecord usage = new UsageRecord("sub", "calls", LocalDate.of(2026, 1, 20), new BigDecimal("42.5"));
        store.accounts().create(TENANT, account);
        store.subscriptions().create(TENANT, "acc", subscription);
        store.usage().record(TENANT, "acc", "u-1", usage);
        store.usage().record(TENANT, "acc", "u-1", usage);

        AccountBillingData read = store.accounts().billingData(TENANT, "acc").orElseThrow();

        assertEquals(account, read.account());
        assertEquals(List.of(subscription), read.engineSubscriptions());
        assertEquals(1, read.subscriptions().getFirst().version());
        assertEquals(List.of(usage), read.usage(), "a usage record sent twice is kept once");
    }

    @Test
    void aDraftInvoiceAndTheTenantsSettingsReadBackAsWritten() {
        store.settings().put(TENANT, new TenantSettings(ProrationMethod.THIRTY_DAY_MONTH, RoundingMode.HALF_EVEN));
        store.accounts().create(TENANT, Fixtures.account("usd", "USD", 1, "Batch1"));
        Subscription monthly = Fixtures.monthly("s-usd", "145.10", LocalDate.of(2026, 1, 10));
        Invoice invoice = InvoiceGenerator.generate(new BillingRequest("inv-1", Fixtures.account("usd", "USD", 1, "Batch1").billing(),
                List.of(monthly), List.of(), LocalDate.of(2026, 2, 1), null, store.settings().get(TENANT), null)).invoice().orElseThrow();
        Fixtures.processingRun(store, TENANT, "run");

        store.billingWriter().record(TENANT, "run", new RunAccount("usd", AccountOutcome.INVOICED, "inv-1", "USD",
                invoice.total(), 0, List.of(), false), StoredInvoice.draft(TENANT, "run", invoice), null, List.of());

        assertEquals(StoredInvoice.draft(TENANT, "run", invoice), store.invoices().get(TENANT, "inv-1"));
        assertEquals(new TenantSettings(ProrationMethod.THIRTY_DAY_MONTH, RoundingMode.HALF_EVEN), store.settings().get(TENANT));
        assertEquals(TenantSettings.DEFAULTS, store.settings().get("never-configured"));
    }
}

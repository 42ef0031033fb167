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
import com.billrun.store.dynamodb.Keys;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
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
        CustomerAccount account = AccountBuilder.account("acc").name("Kuwait Trading").billToEmail("ap@kt.example")
                .currency("KWD").billCycleDay(31).batch("Batch7").taxRate("7.500").paymentTermDays(45)
                .status(AccountStatus.PAST_DUE).balance("12.340").build();
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
        String invoiceId = InvoiceIds.of("run", "usd");
        Invoice invoice = InvoiceGenerator.generate(new BillingRequest(invoiceId, Fixtures.account("usd", "USD", 1, "Batch1").billing(),
                List.of(monthly), List.of(), LocalDate.of(2026, 2, 1), null, store.settings().get(TENANT), null)).invoice().orElseThrow();
        Fixtures.processingRun(store, TENANT, "run");

        store.billingWriter().record(TENANT, "run", RunAccount.invoiced("usd", invoiceId, "USD",
                invoice.total(), 0, List.of()), StoredInvoice.draft(TENANT, "run", invoice), null, List.of());

        assertEquals(StoredInvoice.draft(TENANT, "run", invoice), store.invoices().get(TENANT, invoiceId));
        assertEquals(new TenantSettings(ProrationMethod.THIRTY_DAY_MONTH, RoundingMode.HALF_EVEN), store.settings().get(TENANT));
        assertEquals(TenantSettings.DEFAULTS, store.settings().get("never-configured"));
    }

    @Test
    void aRunsOptionsAndAScheduleTemplateKeepTheirFlatItemShape() {
        BillRunOptions options = RunOptionsBuilder.on(JAN_15).invoiceDate(LocalDate.of(2026, 1, 31)).batches("Batch7")
                .billCycleDay(15).accountIds("a", "b").excluding(ChargeType.USAGE).autoPost().build();
        BillRun created = store.billRuns().create(BillRun.pending(TENANT, "shape", options, "me@acme.example",
                Instant.parse("2026-01-15T06:00:00Z")));

        var item = store.table().get(Keys.billRun(TENANT, "shape")).orElseThrow();
        assertEquals(Set.of("targetDate", "invoiceDate", "batches", "billCycleDay", "accountIds", "chargeTypesToExclude",
                "autoPost", "autoEmail", "noEmailForZeroAmountInvoice"), item.map("options").keySet());
        assertEquals(created, store.billRuns().get(TENANT, "shape"));

        RunTemplate template = RunOptionsBuilder.template().invoiceDateOffsetDays(-1).billCycleDay(1).autoEmail()
                .buildTemplate();
        store.schedules().create(new Schedule(TENANT, "monthly", "Monthly", "cron(0 2 1 * ? *)", "UTC", template,
                "me@acme.example", Instant.parse("2026-01-15T06:00:00Z"), Instant.parse("2026-01-15T06:00:00Z"),
                ScheduleState.ENABLED));
        var scheduleItem = store.table().get(Keys.schedule(TENANT, "monthly")).orElseThrow();
        assertEquals(Set.of("batches", "billCycleDay", "accountIds", "chargeTypesToExclude", "autoPost", "autoEmail",
                "noEmailForZeroAmountInvoice"), scheduleItem.map("template").keySet());
        assertEquals(-1, scheduleItem.integer("invoiceDateOffsetDays"));
        assertEquals(template, store.schedules().find(TENANT, "monthly").orElseThrow().template());
        assertEquals(LocalDate.of(2026, 11, 30), template.optionsOn(LocalDate.of(2026, 12, 1)).invoiceDate());
    }
}

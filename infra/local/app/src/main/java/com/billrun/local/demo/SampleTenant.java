package com.billrun.local.demo;

import com.billrun.core.AccountStatus;
import com.billrun.core.BillingPeriod;
import com.billrun.core.BillingTiming;
import com.billrun.core.Charge;
import com.billrun.core.ChargeType;
import com.billrun.core.Discount;
import com.billrun.core.PricingModel;
import com.billrun.core.Subscription;
import com.billrun.core.Tier;
import com.billrun.core.UsageRecord;
import com.billrun.store.BillrunStore;
import com.billrun.store.BulkLoad.NewAccount;
import com.billrun.store.BulkLoad;
import com.billrun.store.CustomerAccount;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A sample tenant for the demo and the benchmark, the same every time: accounts in USD, EUR, JPY and KWD (2, 2, 0
 * and 3 decimals), bill cycle days 1 and 15, monthly plans billed in advance, one-time setup fees, usage billed
 * in arrears, a few discounts and free plans, and (for the demo) one account whose data a migration broke.
 */
public final class SampleTenant {

    public static final LocalDate TARGET_DATE = LocalDate.of(2026, 12, 1);
    /** The run the sample events in events/ name (with tenant acme, batch 00001 and account A-0001's invoice). */
    public static final String SAMPLE_RUN_ID = "5f0c6a3e-2d4b-4e8f-9a71-0c2b8d4e6f10";
    static final String BROKEN_ACCOUNT = "A-BROKEN";
    private static final LocalDate NOVEMBER_1 = LocalDate.of(2026, 11, 1);
    private static final LocalDate NOVEMBER_15 = LocalDate.of(2026, 11, 15);
    private static final int CHUNK = 500;
    private static final int LOADERS = 6;

    /** Currency, tax rate and the plan prices of that currency. */
    private record Market(String currency, String taxRate, String usageUnitPrice, String... prices) {
    }

    private static final List<Market> MARKETS = List.of(
            new Market("USD", "8.25", "0.05", "29.00", "49.99", "145.16", "299.00"),
            new Market("EUR", "20", "0.04", "19.90", "49.00", "99.90", "250.00"),
            new Market("JPY", "10", "5", "1200", "4800", "12000", "30000"),
            new Market("KWD", "0", "0.015", "4.500", "12.345", "25.000", "99.999"));

    private final BillrunStore store;
    private final String tenantId;
    private final String idFormat;

    public SampleTenant(BillrunStore store, String tenantId) {
        this(store, tenantId, "A-%05d");
    }

    private SampleTenant(BillrunStore store, String tenantId, String idFormat) {
        this.store = store;
        this.tenantId = tenantId;
        this.idFormat = idFormat;
    }

    /** The same accounts under other ids, e.g. {@code A-%04d} for the ids the sample events in events/ name. */
    public SampleTenant withIdFormat(String format) {
        return new SampleTenant(store, tenantId, format);
    }

    /** {@code count} healthy accounts A-00001..., with usage recorded for November; plus the broken one when asked. */
    public void seed(int count, boolean withBrokenAccount) {
        if (withBrokenAccount) {
            new BulkLoad(store.table()).load(tenantId, List.of(broken()));
        }
        // DynamoDB Local takes writes one connection at a time per call: a few loaders in parallel fill it faster.
        List<Future<?>> chunks = new ArrayList<>();
        try (ExecutorService loaders = Executors.newFixedThreadPool(LOADERS)) {
            for (int from = 1; from <= count; from += CHUNK) {
                int first = from;
                int last = Math.min(count, from + CHUNK - 1);
                chunks.add(loaders.submit(() -> seedChunk(first, last)));
            }
            for (Future<?> chunk : chunks) {
                chunk.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("seeding interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("seeding failed: " + e.getCause(), e.getCause());
        }
    }

    private void seedChunk(int first, int last) {
        List<NewAccount> accounts = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            accounts.add(account(i, idFormat.formatted(i)));
        }
        new BulkLoad(store.table()).load(tenantId, accounts);
        for (int i = first; i <= last; i++) {
            if (hasUsage(i)) {
                recordUsage(i);
            }
        }
    }

    static String accountId(int i) {
        return "A-%05d".formatted(i);
    }

    static String currencyOf(int i) {
        return MARKETS.get(i % MARKETS.size()).currency();
    }

    private static NewAccount account(int i, String id) {
        Market market = MARKETS.get(i % MARKETS.size());
        int billCycleDay = i % 5 == 0 ? 15 : 1;
        CustomerAccount account = new CustomerAccount(id, "Customer " + id, id.toLowerCase() + "@customer.example",
                market.currency(), billCycleDay, "Batch" + (i % 10 + 1), new BigDecimal(market.taxRate()), 30,
                AccountStatus.ACTIVE, BigDecimal.ZERO);
        List<Subscription> subscriptions = new ArrayList<>();
        LocalDate start = billCycleDay == 1 ? TARGET_DATE : NOVEMBER_15;
        String price = i % 50 == 49 ? "0" : market.prices()[i % market.prices().length];
        List<Charge> charges = new ArrayList<>();
        charges.add(new Charge("plan", "Plan", ChargeType.RECURRING, PricingModel.FLAT_FEE, new BigDecimal(price), null,
                null, BillingPeriod.MONTH, BillingTiming.IN_ADVANCE, null,
                i % 7 == 2 ? new Discount(new BigDecimal("10"), null, 3) : null, true, null));
        if (i % 3 == 0) {
            charges.add(new Charge("setup", "Setup fee", ChargeType.ONE_TIME, PricingModel.FLAT_FEE, new BigDecimal(price),
                    null, null, null, null, start, null, true, null));
        }
        subscriptions.add(new Subscription("S-" + id, start, null, charges));
        if (hasUsage(i)) {
            subscriptions.add(new Subscription("U-" + id, NOVEMBER_1, null, List.of(new Charge("calls", "API calls",
                    ChargeType.USAGE, PricingModel.PER_UNIT, new BigDecimal(market.usageUnitPrice()), null, null,
                    BillingPeriod.MONTH, BillingTiming.IN_ARREARS, null, null, true, null))));
        }
        return new NewAccount(account, subscriptions);
    }

    /** Usage on bill cycle day 1 accounts: November's period ends before the target date, so it is billed now. */
    private static boolean hasUsage(int i) {
        return i % 4 == 1 && i % 5 != 0;
    }

    private void recordUsage(int i) {
        String id = idFormat.formatted(i);
        store.usage().record(tenantId, id, id + "-nov-10", new UsageRecord("U-" + id, "calls", NOVEMBER_1.plusDays(9),
                BigDecimal.valueOf(100 + i % 50)));
        store.usage().record(tenantId, id, id + "-nov-20", new UsageRecord("U-" + id, "calls", NOVEMBER_1.plusDays(19),
                BigDecimal.valueOf(250)));
    }

    /** Imported from a legacy system: a tiered price whose last tier is closed, so some quantities have no price. */
    private static NewAccount broken() {
        CustomerAccount account = new CustomerAccount(BROKEN_ACCOUNT, "Legacy Corp", "ap@legacy.example", "USD", 1,
                "Batch1", null, 30, AccountStatus.ACTIVE, BigDecimal.ZERO);
        Charge tiered = new Charge("seats", "Seats", ChargeType.RECURRING, PricingModel.TIERED, null,
                List.of(new Tier(new BigDecimal("10"), new BigDecimal("12.00"))), new BigDecimal("25"),
                BillingPeriod.MONTH, BillingTiming.IN_ADVANCE, null, null, true, null);
        return new NewAccount(account, List.of(new Subscription("S-LEGACY", TARGET_DATE, null, List.of(tiered))));
    }
}

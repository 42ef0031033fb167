package com.billrun.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Invoices per second for a typical account on one thread: a flat monthly plan in advance, per-unit seats
 * quarterly with a 10% discount, and tiered API usage in arrears with a month of daily usage records; the July 1
 * run bills July's plan, the July–September seats and June's usage, with tax.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InvoiceGeneratorBenchmark {

    private BillingRequest request;

    @Setup
    public void typicalAccount() {
        LocalDate start = LocalDate.of(2024, 1, 1);
        LocalDate billedThrough = LocalDate.of(2025, 7, 1);
        Charge plan = new Charge("plan", "Pro plan", ChargeType.RECURRING, PricingModel.FLAT_FEE,
                new BigDecimal("49.00"), null, null, BillingPeriod.MONTH, BillingTiming.IN_ADVANCE, null, null, true,
                billedThrough);
        Charge seats = new Charge("seats", "Seats", ChargeType.RECURRING, PricingModel.PER_UNIT,
                new BigDecimal("12.50"), null, new BigDecimal("5"), BillingPeriod.QUARTER, BillingTiming.IN_ADVANCE,
                null, Discount.percent("10", null), true, billedThrough);
        Charge calls = new Charge("calls", "API calls", ChargeType.USAGE, PricingModel.TIERED, null,
                List.of(new Tier(new BigDecimal("1000"), new BigDecimal("0.01")),
                        new Tier(new BigDecimal("10000"), new BigDecimal("0.005")),
                        new Tier(null, new BigDecimal("0.001"))),
                null, BillingPeriod.MONTH, BillingTiming.IN_ARREARS, null, null, true, LocalDate.of(2025, 6, 1));
        Subscription subscription = new Subscription("sub-1", start, null, List.of(plan, seats, calls));
        List<UsageRecord> usage = new ArrayList<>();
        for (int day = 1; day <= 30; day++) {
            usage.add(new UsageRecord("sub-1", "calls", LocalDate.of(2025, 6, day), BigDecimal.valueOf(400 + day)));
        }
        Account account = new Account("acc-1", "USD", 1, new BigDecimal("8.25"), 30);
        request = BillingRequest.of("inv-1", account, List.of(subscription), usage, LocalDate.of(2025, 7, 1));
    }

    @Benchmark
    public BillingResult generateInvoice() {
        return InvoiceGenerator.generate(request);
    }
}

package com.billrun.core;

import static com.billrun.core.Fixtures.account;
import static com.billrun.core.Fixtures.chargedThrough;
import static com.billrun.core.Fixtures.d;
import static com.billrun.core.Fixtures.lines;
import static com.billrun.core.Fixtures.subscription;
import static com.billrun.core.Fixtures.tiers;
import static com.billrun.core.Fixtures.usage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** functions/billing-core/RULES.md: usage rated in arrears per billing period, on the period's total quantity, not prorated. */
class UsageBillingTest {

    @ParameterizedTest(name = "{0} from {1}, usage {3}, target {4} -> {5}")
    @CsvSource(delimiter = ';', textBlock = """
            # model; subscription start; unit price; usage (day:qty,...); target; lines; new charged through
            # Jan total 12 + 13 = 25: graduated 10 × 1.00 + 10 × 0.80 + 5 × 0.50 = 20.50; Feb 7 × 1.00
            TIERED; 2024-01-01; ; 2024-01-05:12,2024-01-20:13,2024-02-03:7; 2024-01-31; USAGE 2024-01-01..2024-01-31 20.50; 2024-02-01
            TIERED; 2024-01-01; ; 2024-01-05:12,2024-01-20:13,2024-02-03:7; 2024-01-30; none; -
            TIERED; 2024-01-01; ; 2024-01-05:12,2024-01-20:13,2024-02-03:7; 2024-02-29; USAGE 2024-01-01..2024-01-31 20.50 | USAGE 2024-02-01..2024-02-29 7.00; 2024-03-01
            # volume on the period total: 25 × 0.50
            VOLUME; 2024-01-01; ; 2024-01-05:12,2024-01-20:13; 2024-01-31; USAGE 2024-01-01..2024-01-31 12.50; 2024-02-01
            # 25 × 0.015 = 0.375, rounded HALF_UP
            PER_UNIT; 2024-01-01; 0.015; 2024-01-05:12,2024-01-20:13; 2024-01-31; USAGE 2024-01-01..2024-01-31 0.38; 2024-02-01
            # no usage: no line, but January is rated
            TIERED; 2024-01-01; ; ; 2024-01-31; none; 2024-02-01
            # a partial first period bills what was used in it, unprorated: 10 × 1.00 + 3 × 0.80 = 12.40
            TIERED; 2024-01-15; ; 2024-01-20:13; 2024-01-31; USAGE 2024-01-15..2024-01-31 12.40; 2024-02-01
            """)
    void ratesUsagePerPeriod(PricingModel model, String start, String unitPrice, String records, String target,
                             String expectedLines, String expectedChargedThrough) {
        Charge charge = usage(model, unitPrice == null ? tiers("10@1.00,20@0.80,*@0.50") : null, unitPrice);
        BillingRequest request = BillingRequest.of("inv-1", account("USD", 1),
                List.of(subscription(start, null, charge)), usageOf(charge, records), d(target));

        BillingResult result = InvoiceGenerator.generate(request);

        assertEquals(expectedLines, lines(result));
        assertEquals(expectedChargedThrough, chargedThrough(result, charge));
    }

    static List<UsageRecord> usageOf(Charge charge, String records) {
        List<UsageRecord> usage = new ArrayList<>();
        if (records != null) {
            for (String record : records.split(",")) {
                String[] parts = record.split(":");
                usage.add(new UsageRecord("sub-1", charge.id(), d(parts[0]), new BigDecimal(parts[1])));
            }
        }
        return usage;
    }
}

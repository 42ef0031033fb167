package com.billrun.core;

import static com.billrun.core.Fixtures.account;
import static com.billrun.core.Fixtures.lines;
import static com.billrun.core.Fixtures.perUnit;
import static com.billrun.core.Fixtures.run;
import static com.billrun.core.Fixtures.subscription;
import static com.billrun.core.Fixtures.tiers;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** functions/billing-core/RULES.md Charges: FLAT_FEE, PER_UNIT, TIERED (graduated) and VOLUME, before rounding. */
class PricingModelsTest {

    private static final String BANDS = "10@1.00,20@0.80,*@0.50";

    @ParameterizedTest(name = "{0} of {2} with {1} -> {3}")
    @CsvSource(delimiter = ';', textBlock = """
            # model; price or tiers; quantity; amount
            FLAT_FEE; 49.00; 5; 49.00
            PER_UNIT; 2.50; 3; 7.50
            PER_UNIT; 0.123456; 1000; 123.456
            # graduated: 10 × 1.00 + 10 × 0.80 + 5 × 0.50 = 20.50
            TIERED; 10@1.00,20@0.80,*@0.50; 25; 20.50
            TIERED; 10@1.00,20@0.80,*@0.50; 0; 0
            TIERED; 10@1.00,20@0.80,*@0.50; 10; 10.00
            TIERED; 10@1.00,20@0.80,*@0.50; 15; 14.00
            TIERED; 10@1.00,20@0.80,*@0.50; 35; 25.50
            # volume: every unit at the band the total falls in (upTo inclusive)
            VOLUME; 10@1.00,20@0.80,*@0.50; 10; 10.00
            VOLUME; 10@1.00,20@0.80,*@0.50; 15; 12.00
            VOLUME; 10@1.00,20@0.80,*@0.50; 20; 16.00
            VOLUME; 10@1.00,20@0.80,*@0.50; 25; 12.50
            VOLUME; 10@1.00,20@0.80,*@0.50; 0; 0
            """)
    void ratesAQuantity(PricingModel model, String priceOrTiers, String quantity, String expected) {
        boolean banded = model == PricingModel.TIERED || model == PricingModel.VOLUME;
        Charge charge = new Charge("c", "c", ChargeType.RECURRING, model,
                banded ? null : new BigDecimal(priceOrTiers), banded ? tiers(priceOrTiers) : null, null,
                BillingPeriod.MONTH, BillingTiming.IN_ADVANCE, null, null, true, null);

        BigDecimal amount = Rating.rate(charge, new BigDecimal(quantity)).amount();

        assertEquals(0, new BigDecimal(expected).compareTo(amount), () -> "was " + amount);
    }

    @ParameterizedTest(name = "{0} × {1} quarterly from {2} -> {3}")
    @CsvSource(delimiter = ';', textBlock = """
            # 3 seats × 19.99 = 59.97 a quarter
            19.99; 3; 2024-01-01; CHARGE 2024-01-01..2024-03-31 59.97
            # 6-decimal unit price: 3 × 12.345678 = 37.037034
            12.345678; 3; 2024-01-01; CHARGE 2024-01-01..2024-03-31 37.04
            # BCD 1 quarter from Feb 15: first boundary Mar 1, full period Dec 1..Feb 29 (31+31+29 = 91 days)
            # 59.97 × 15/91 = 9.885
            19.99; 3; 2024-02-15; CHARGE 2024-02-15..2024-02-29 9.89
            """)
    void perUnitRecurringCharge(String unitPrice, String quantity, String start, String expected) {
        Subscription seats = subscription(start, null, perUnit(unitPrice, quantity, BillingPeriod.QUARTER));

        assertEquals(expected, lines(run(account("USD", 1), seats, start)));
    }

    @ParameterizedTest(name = "{0} recurring for {1} units -> {2}")
    @CsvSource(delimiter = ';', textBlock = """
            TIERED; 25; CHARGE 2024-01-01..2024-01-31 20.50
            VOLUME; 25; CHARGE 2024-01-01..2024-01-31 12.50
            """)
    void bandedRecurringCharge(PricingModel model, String quantity, String expected) {
        Charge charge = new Charge("c", "Licences", ChargeType.RECURRING, model, null, tiers(BANDS),
                new BigDecimal(quantity), BillingPeriod.MONTH, BillingTiming.IN_ADVANCE, null, null, true, null);

        assertEquals(expected, lines(run(account("USD", 1), subscription("2024-01-01", null, charge), "2024-01-01")));
    }
}

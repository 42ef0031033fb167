package com.billrun.core;

import static com.billrun.core.Fixtures.account;
import static com.billrun.core.Fixtures.chargedThrough;
import static com.billrun.core.Fixtures.d;
import static com.billrun.core.Fixtures.lines;
import static com.billrun.core.Fixtures.oneTime;
import static com.billrun.core.Fixtures.run;
import static com.billrun.core.Fixtures.subscription;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** functions/billing-core/RULES.md: a ONE_TIME charge is billed once, by the first run on or after its date. */
class OneTimeChargesTest {

    @ParameterizedTest(name = "setup on {0}, end {1}, charged through {2}, target {3} -> {4}")
    @CsvSource(delimiter = ';', textBlock = """
            # charge date; subscription end; charged through; target; lines; new charged through
            2024-01-10; ; ; 2024-01-09; none; -
            2024-01-10; ; ; 2024-01-10; CHARGE 2024-01-10..2024-01-10 49.00; 2024-01-11
            2024-01-10; ; ; 2024-06-30; CHARGE 2024-01-10..2024-01-10 49.00; 2024-01-11
            2024-01-10; ; 2024-01-11; 2024-06-30; none; 2024-01-11
            # the subscription ended before the charge date: never billed
            2024-01-10; 2024-01-10; ; 2024-06-30; none; -
            """)
    void billedOnce(String day, String end, String billedThrough, String target, String expectedLines,
                    String expectedChargedThrough) {
        Charge setup = oneTime("49.00", day);
        setup = billedThrough == null ? setup : setup.chargedThrough(d(billedThrough));

        BillingResult result = run(account("USD", 1), subscription("2024-01-01", end, setup), target);

        assertEquals(expectedLines, lines(result));
        assertEquals(expectedChargedThrough, chargedThrough(result, setup));
    }
}

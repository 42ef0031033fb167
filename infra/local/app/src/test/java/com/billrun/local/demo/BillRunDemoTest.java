package com.billrun.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code ./billrun demo} does its whole journey: COMPLETED with the broken account listed, POSTED, emails shown. */
class BillRunDemoTest {

    @Test
    void theDemoBillsPostsAndShowsTheEmails() throws Exception {
        var printed = new ByteArrayOutputStream();

        int status = BillRunDemo.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

        String journey = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, journey);
        for (String step : new String[] {"-> 202", "COMPLETED", "failed: A-BROKEN / S-LEGACY: charges[0].tiers[0].upTo",
                "POSTED", "INV-000001", "\"Bill run BR-00001 completed: 300 invoices, 1 failed accounts\"",
                "\"Bill run BR-00001 posted: 300 invoices\"", "customer invoice emails"}) {
            assertTrue(journey.contains(step), () -> "missing \"" + step + "\" in:\n" + journey);
        }
        assertTrue(journey.contains("BR-00001 COMPLETED") && journey.contains("BR-00001 POSTED"), journey);
        // whichever progress lines the polling caught, they read as GET /bill-runs/{id} shows progress: 4 batches of 80
        journey.lines().filter(line -> line.contains(" PROCESSING ")).forEach(line -> assertTrue(
                line.matches(".*BR-00001 PROCESSING ([0-4]/4 batches, \\d+ accounts, \\d+ invoices, \\d+ failed|selecting the accounts)"), line));
        journey.lines().filter(line -> line.contains(" POST_IN_PROGRESS ")).forEach(line -> assertTrue(
                line.matches(".*BR-00001 POST_IN_PROGRESS \\d+/300 invoices posted"), line));
    }
}

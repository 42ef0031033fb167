package com.billrun.local.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.billrun.local.ProjectRoot;
import com.billrun.local.demo.LocalBillrunApp;
import com.billrun.local.demo.SampleTenant;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser: each script in console/e2e (Playwright driving Debian's Chromium, axe-core on each
 * main screen; shared steps in console/e2e/lib.mjs) against its own freshly seeded local stack, the console served as
 * serve serves it. The seed's journey: sign in, a field error from the API next to its field, a run over
 * A-0001..A-0004 (USD, EUR, JPY, KWD) and the broken A-BROKEN watched until COMPLETED, the alert icon in the list, the
 * failures tab with the reason, no Post for billing/read (and 403 from the API), A-BROKEN's tiered charge fixed on
 * its account page, Retry failures until a run without failures tab, Post confirmed with the API's number of drafts
 * until POSTED. accounts.mjs: the accounts, schedules and settings screens. invoices.mjs: the invoice page (amounts
 * per currency, PDF, credit note, void, re-send). runs.mjs: a run's actions (CSV export, Email invoices, Cancel,
 * Delete) and the list's status filter. Screenshots go into target/console-screenshots of this module, or into
 * docs/ with BILLRUN_UPDATE_SCREENSHOTS set (the README shows those). Without Chromium or the built console it fails
 * under CI (CI set, as .ci/run sets it) and is skipped, saying why, elsewhere.
 */
class ConsoleBrowserTest {

    private static final String TENANT = "acme";

    /** The seed's journey: a field error, a run until COMPLETED with its failure, no Post for billing/read, POSTED. */
    @Test
    void theBillRunJourneyInABrowser() throws Exception {
        String log = runScript("journey.mjs");
        assertTrue(log.contains("the failures tab lists A-BROKEN"), log);
        assertTrue(log.contains("journey: fixed S-LEGACY through the console"), log);
        assertTrue(log.contains("journey: after retry, no failures tab"), log);
        assertTrue(log.contains("(the API's 1 drafts), the run is POSTED"), log);
        assertTrue(log.contains("(the API's 4 drafts), the run is POSTED"), log);
    }

    /**
     * Accounts, schedules and settings: balances per currency, charged-through dates, a payment (field error first)
     * that moves the balance to the cent, a preview, a schedule created (field error first), listed with its next
     * firing and deleted, the settings shown and saved.
     */
    @Test
    void accountsSchedulesAndSettingsInABrowser() throws Exception {
        String log = runScript("accounts.mjs");
        assertTrue(log.contains("journey: the accounts list shows "), log);
        assertTrue(log.contains("A-0001 75.65 EUR") && log.contains("A-0002 0 JPY") && log.contains("A-0003 0.000 KWD"), log);
        assertTrue(log.contains("journey: the payment's problem is next to its field"), log);
        assertTrue(log.contains("journey: recorded 100.25 EUR: the balance went from 75.65 to -24.60"), log);
        assertTrue(log.contains("journey: the preview at 2027-01-01 shows"), log);
        assertTrue(log.contains("journey: deleted it after a confirmation"), log);
        assertTrue(log.contains("journey: settings shown as the API has them, and saved"), log);
        assertTrue(log.contains("journey: billing/read: no Edit charge, no payment form, settings read-only"), log);
    }

    /**
     * The invoice page: a run posted through the console, each invoice's amounts as the API has them at its currency's
     * decimals, the PDF, a credit note refused next to its field then issued (the balance follows), re-send, void.
     */
    @Test
    void theInvoicePageInABrowser() throws Exception {
        String log = runScript("invoices.mjs");
        assertTrue(log.contains("(JPY): subtotal, tax, total, balance"), log);
        assertTrue(log.contains("(KWD): subtotal, tax, total, balance"), log);
        assertTrue(log.contains("the PDF link returns a PDF"), log);
        assertTrue(log.contains("the API's problem is next to line 1's amount"), log);
        assertTrue(log.contains("on the page, listed with its PDF"), log);
        assertTrue(log.contains("re-send confirmed"), log);
        assertTrue(log.contains("VOIDED shown"), log);
    }

    /**
     * A run's actions and the list's filter: the invoices tab exported as a CSV equal to the API's rows, the status
     * filter asked of the API, Email invoices, Cancel (CANCELED), Delete (out of the list), none offered to billing/read.
     */
    @Test
    void theBillRunActionsInABrowser() throws Exception {
        String log = runScript("runs.mjs");
        assertTrue(log.contains("rows equal to the API's"), log);
        assertTrue(log.contains("status filter POSTED: GET /bill-runs?status=POSTED asked"), log);
        assertTrue(log.contains("Email invoices confirmed: \"Emails queued: 4 invoices"), log);
        assertTrue(log.contains("canceled: CANCELED shown"), log);
        assertTrue(log.contains("deleted: DELETED shown, out of the list"), log);
        assertTrue(log.contains("billing/read: no run actions"), log);
    }

    /**
     * Runs console/e2e/SCRIPT against a fresh local stack seeded with A-0001..A-0004 and A-BROKEN, the console served
     * as serve serves it; returns the script's log after asserting it ended "journey: ok" with exit status 0.
     */
    static String runScript(String script) throws Exception {
        Path root = ProjectRoot.find().orElseThrow();
        Path chromium = Path.of(System.getenv().getOrDefault("BILLRUN_CHROMIUM", "/usr/bin/chromium"));
        required(Files.isExecutable(chromium), "no Chromium at " + chromium
                + ": apt-get install -y chromium (.ci/run does; npx playwright install cannot download here)");
        required(Files.isRegularFile(root.resolve("console/dist/index.html"))
                        && Files.isDirectory(root.resolve("console/node_modules/playwright-core")),
                "the console is not built (console/dist, console/node_modules): run ./billrun setup");
        try (LocalBillrunApp app = new LocalBillrunApp(TENANT, "seed@acme.example")) {
            new SampleTenant(app.store(), TENANT).withIdFormat("A-%04d").seed(4, true);
            URI console = app.serveConsole();
            ProcessBuilder journey = new ProcessBuilder("node", "console/e2e/" + script)
                    .directory(root.toFile()).redirectErrorStream(true);
            journey.environment().put("CONSOLE_URL", console.toString());
            journey.environment().put("CHROMIUM", chromium.toString());
            // docs/ only when asked: a test run leaves the tracked files as they are
            Path screenshots = System.getenv("BILLRUN_UPDATE_SCREENSHOTS") != null ? root.resolve("docs")
                    : Files.createDirectories(root.resolve("infra/local/app/target/console-screenshots"));
            journey.environment().put("SCREENSHOTS", screenshots.toString());
            Process process = journey.start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process));
            if (!process.waitFor(4, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail(script + " did not end within 4 minutes:\n" + output.getNow(""));
            }
            String log = output.get(10, TimeUnit.SECONDS);
            System.out.print(log);
            assertEquals(0, process.exitValue(), log);
            assertTrue(log.contains("journey: ok"), log);
            return log;
        }
    }

    private static String read(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    /** Under CI a missing prerequisite is a failure; on a developer's machine, a skip that says what to install. */
    private static void required(boolean present, String why) {
        if (present) {
            return;
        }
        if (System.getenv("CI") != null) {
            fail(why);
        }
        Assumptions.abort(why);
    }
}

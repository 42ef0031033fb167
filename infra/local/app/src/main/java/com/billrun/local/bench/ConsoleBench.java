package com.billrun.local.bench;

import com.billrun.local.ProjectRoot;
import com.billrun.local.demo.LocalBillrunApp;
import com.billrun.local.demo.SampleTenant;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code ./billrun bench-console}: the console on the local stack, measured (a bench, not a test). Seeds N accounts of
 * the sample tenant under tenant {@code acme} and generates one real bill run over them (its drafts are the
 * Generated Invoices tab; the run is not posted: posting changes no page size), then
 * <ul>
 *   <li>walks the run's invoices through the API's cursor, 100 a page (GET /bill-runs/{id}/invoices): time per
 *       page (median, p95, max) and in all;</li>
 *   <li>runs console/bench/console-bench.mjs in Chromium against the console served as serve serves it: the time
 *       from navigation to the bill-run list's first row (median of N loads, and the first, cold-cache one), the
 *       run's Generated Invoices tab to its first row, and a sample of its "Load more" (50 invoices a click).</li>
 * </ul>
 * Figures on stdout, progress on stderr; the machine's processors and load average are printed with them.
 */
final class ConsoleBench {

    static final String TENANT = "acme";
    private static final Duration PATIENCE = Duration.ofMinutes(30);

    private ConsoleBench() {
    }

    static int run(int accounts, int loads, int uiPages) throws Exception {
        Path root = ProjectRoot.find().orElseThrow(() -> new IllegalStateException("run from the repository"));
        Path chromium = Path.of(System.getenv().getOrDefault("BILLRUN_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium) || !Files.isRegularFile(root.resolve("console/dist/index.html"))) {
            System.err.println("bench-console: needs Chromium at " + chromium + " and the built console (./billrun setup)");
            return 1;
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("bench-console: machine %d processors, load average %.2f at the start%n",
                os.getAvailableProcessors(), os.getSystemLoadAverage());
        try (LocalBillrunApp app = new LocalBillrunApp(TENANT, "bench@acme.example")) {
            long seeding = System.nanoTime();
            new SampleTenant(app.store(), TENANT).seed(accounts, false);
            System.err.printf("bench-console: %,d accounts seeded in %.1f s%n", accounts, seconds(System.nanoTime() - seeding));
            long start = System.nanoTime();
            String runId = app.call("POST", "/bill-runs", "{\"targetDate\":\"%s\"}".formatted(SampleTenant.TARGET_DATE))
                    .body().path("id").asText();
            JsonNode run = app.awaitStatus(runId, PATIENCE, status -> { }, "COMPLETED", "ERROR");
            long invoices = run.path("counts").path("invoicesGenerated").asLong();
            System.out.printf("bench-console: run %s %s with %,d invoices, generated in %.1f s (seeding and generating are not "
                    + "the bench's figures)%n", run.path("number").asText(), run.path("status").asText(), invoices,
                    seconds(System.nanoTime() - start));

            walkTheApi(app, runId, 100);

            URI console = app.serveConsole();
            ProcessBuilder browser = new ProcessBuilder("node", "console/bench/console-bench.mjs").directory(root.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
            browser.environment().put("CONSOLE_URL", console.toString());
            browser.environment().put("CHROMIUM", chromium.toString());
            browser.environment().put("RUN_ID", runId);
            browser.environment().put("LOADS", Integer.toString(loads));
            browser.environment().put("UI_PAGES", Integer.toString(uiPages));
            int status = browser.start().waitFor();
            System.out.printf("bench-console: load average %.2f at the end%n", os.getSystemLoadAverage());
            return status;
        }
    }

    /** Every page of the run's invoices through the cursor, each timed as a client sees it (HTTP and JSON). */
    private static void walkTheApi(LocalBillrunApp app, String runId, int limit) {
        List<Double> pageMs = new ArrayList<>();
        long invoices = 0;
        String cursor = null;
        long start = System.nanoTime();
        do {
            String path = "/bill-runs/" + runId + "/invoices?limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            long before = System.nanoTime();
            LocalBillrunApp.Answer page = app.call("GET", path, null);
            pageMs.add((System.nanoTime() - before) / 1e6);
            if (page.status() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + page.status() + ": " + page.body());
            }
            invoices += page.body().path("items").size();
            JsonNode next = page.body().path("nextCursor");
            cursor = next.isNull() || next.isMissingNode() ? null : next.asText();
        } while (cursor != null);
        double total = seconds(System.nanoTime() - start);
        Collections.sort(pageMs);
        System.out.printf("bench-console: API walk of the invoices tab: %,d invoices in %,d pages of %d, %.1f s in all; per page "
                        + "median %.1f ms, p95 %.1f ms, max %.1f ms%n", invoices, pageMs.size(), limit, total,
                percentile(pageMs, 50), percentile(pageMs, 95), pageMs.getLast());
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}

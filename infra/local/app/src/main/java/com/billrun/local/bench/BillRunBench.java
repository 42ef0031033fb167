package com.billrun.local.bench;

import com.billrun.local.demo.LocalBillrunApp;
import com.billrun.local.demo.SampleTenant;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./billrun bench --accounts N}: seeds N accounts, then times a whole bill run on the local runtime through
 * the API (generate: the bill-run state machine to COMPLETED; post: the post-run state machine to POSTED), and
 * ends with one line of figures. Everything (stand-ins, functions, engine) runs in this one JVM, so the heap
 * figure is the whole system's.
 */
final class BillRunBench {

    private static final Duration PATIENCE = Duration.ofMinutes(30);

    private BillRunBench() {
    }

    static int run(int accounts) throws InterruptedException {
        AtomicLong peakHeap = new AtomicLong();
        ScheduledExecutorService heapWatch = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
        var memory = ManagementFactory.getMemoryMXBean();
        heapWatch.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                0, 50, TimeUnit.MILLISECONDS);
        try (LocalBillrunApp app = new LocalBillrunApp("bench", "bench@billrun.example")) {
            long seeding = System.nanoTime();
            new SampleTenant(app.store(), "bench").seed(accounts, false);
            System.err.printf("bench: %d accounts seeded in %.1f s%n", accounts, (System.nanoTime() - seeding) / 1e9);

            long start = System.nanoTime();
            String runId = app.call("POST", "/bill-runs", "{\"targetDate\":\"%s\"}".formatted(SampleTenant.TARGET_DATE))
                    .body().path("id").asText();
            JsonNode completed = app.awaitStatus(runId, PATIENCE, status -> { }, "COMPLETED", "ERROR");
            long generated = System.nanoTime();
            app.call("POST", "/bill-runs/" + runId + "/post", null);
            JsonNode posted = app.awaitStatus(runId, PATIENCE, status -> { }, "POSTED", "COMPLETED");
            long end = System.nanoTime();

            long invoices = completed.path("counts").path("invoicesGenerated").asLong();
            double total = (end - start) / 1e9;
            System.out.printf("accounts=%d invoices=%d generate_s=%.1f post_s=%.1f total_s=%.1f invoices_per_s=%.0f peak_heap_mb=%d%n",
                    accounts, invoices, (generated - start) / 1e9, (end - generated) / 1e9, total, invoices / total,
                    peakHeap.get() / (1024 * 1024));
            return "POSTED".equals(posted.path("status").asText()) ? 0 : 1;
        } finally {
            heapWatch.shutdownNow();
        }
    }
}

package com.billrun.local.bench;

import com.billrun.local.demo.LocalBillrunApp;
import com.billrun.local.demo.SampleTenant;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunOptions;
import com.billrun.store.BillrunStore;
import com.billrun.usecases.billrun.PrepareBillRun;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./billrun bench --accounts N --prepare-only}: Prepare alone (selecting the tenant's N accounts and storing
 * them in batches of 500), on this thread, over DynamoDB Local: its time, the items it read, its read and write
 * units, the CPU time of its own thread (the client's side: what stays on Lambda, where DynamoDB answers in a
 * fraction of DynamoDB Local's time), and the heap it took. The heap is sampled every 5 ms above a baseline taken after a GC, so the peak counts
 * garbage not yet collected too: an upper bound of what Prepare needs, to hold against its Lambda memory size.
 */
final class PrepareProbe {

    private PrepareProbe() {
    }

    static int run(int accounts) {
        UsageMeter meter = UsageMeter.install();
        try (LocalBillrunApp app = new LocalBillrunApp("bench", "bench@billrun.example")) {
            long seeding = System.nanoTime();
            new SampleTenant(app.store(), "bench").seed(accounts, false);
            System.err.printf("bench: %d accounts seeded in %.1f s%n", accounts, (System.nanoTime() - seeding) / 1e9);
            Map<String, String> env = new java.util.HashMap<>(app.runtime().runner().spec("PrepareFunction").env());
            env.put("AWS_LAMBDA_FUNCTION_NAME", "PrepareFunction");
            BillrunStore store = BillrunStore.fromEnv(env);
            String runId = UUID.randomUUID().toString();
            store.billRuns().create(BillRun.pending("bench", runId, BillRunOptions.allAccounts(SampleTenant.TARGET_DATE),
                    "bench@billrun.example", Instant.now()));
            PrepareBillRun prepare = new PrepareBillRun(store, 500);

            var memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(baseline);
            var sampler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
            sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                    0, 5, TimeUnit.MILLISECONDS);
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            long cpuBefore = threads.getCurrentThreadCpuTime();
            var before = meter.snapshot().getOrDefault("PrepareFunction", Map.of());
            long start = System.nanoTime();
            int batches = prepare.prepare("bench", runId).size();
            double seconds = (System.nanoTime() - start) / 1e9;
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            double cpu = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
            sampler.shutdownNow();
            var after = meter.snapshot().getOrDefault("PrepareFunction", Map.of());
            System.out.printf(Locale.ROOT, "prepare accounts=%d batches=%d seconds=%.1f prepare_thread_cpu_s=%.1f items_read=%.0f rru=%.1f wru=%.1f"
                            + " queries=%.0f peak_heap_above_baseline_mb=%d allocated_mb=%d%n",
                    accounts, batches, seconds, cpu, delta(before, after, "dynamodb.itemsRead"), delta(before, after, "dynamodb.rcu"),
                    delta(before, after, "dynamodb.wcu"), delta(before, after, "dynamodb.calls.Query"),
                    (peak.get() - baseline) / (1024 * 1024), allocated / (1024 * 1024));
            return 0;
        } finally {
            meter.uninstall();
        }
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String measure) {
        return after.getOrDefault(measure, 0.0) - before.getOrDefault(measure, 0.0);
    }
}

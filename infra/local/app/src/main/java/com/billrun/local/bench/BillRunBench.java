package com.billrun.local.bench;

import com.billrun.aws.AwsClients;
import com.billrun.local.demo.LocalBillrunApp;
import com.billrun.local.demo.SampleTenant;
import com.fasterxml.jackson.databind.JsonNode;
import com.billrun.local.ProjectRoot;
import com.billrun.local.lambda.LambdaRunner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./billrun bench --accounts N}: seeds N accounts, then times a whole bill run on the local runtime through
 * the API (generate: the bill-run state machine to COMPLETED; post: the post-run state machine to POSTED), and
 * ends with one line of figures. Everything (stand-ins, functions, engine) runs in this one JVM, so the heap
 * figure is the whole system's.
 *
 * <p>It also measures what each phase consumed as AWS would bill it ({@link UsageMeter}, the local runner's
 * invocation totals, Step Functions state transitions), prints it per invoice and writes it to
 * {@code infra/local/app/target/bench-units.json} ({@link BenchUnits}) for {@code ./billrun capacity}.
 */
final class BillRunBench {

    private static final Duration PATIENCE = Duration.ofMinutes(30);

    private BillRunBench() {
    }

    /** Where the bench writes its units and {@code ./billrun capacity} reads them first. */
    static Path unitsFile() {
        return ProjectRoot.find().orElse(Path.of(".")).resolve("infra/local/app/target/bench-units.json");
    }

    static int run(int accounts) throws InterruptedException {
        AtomicLong peakHeap = new AtomicLong();
        ScheduledExecutorService heapWatch = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
        var memory = ManagementFactory.getMemoryMXBean();
        heapWatch.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                0, 50, TimeUnit.MILLISECONDS);
        String loadBefore = load();
        // The meter's side reads (an updated item's size, after each transaction) slow DynamoDB Local a little:
        // BILLRUN_BENCH_UNITS=off times the run without it, for comparisons with benches from before it.
        boolean metered = !"off".equals(System.getenv("BILLRUN_BENCH_UNITS"));
        UsageMeter meter = metered ? UsageMeter.install() : new UsageMeter();
        Duration roundTrip = RoundTripDelay.fromEnvironment(System.getenv());
        if (!roundTrip.isZero()) {
            AwsClients.meterClients(new RoundTripDelay(roundTrip, metered ? meter : null));
            System.err.printf("bench: every DynamoDB request of the functions waits %d ms (BILLRUN_BENCH_LATENCY_MS)%n",
                    roundTrip.toMillis());
        }
        try (LocalBillrunApp app = new LocalBillrunApp("bench", "bench@billrun.example")) {
            LambdaRunner runner = app.runtime().runner();
            // When the engine counts them itself (Distributed Map children included), this line becomes:
            StateTransitions transitions = StateTransitions.of(app.runtime().startStepFunctions().engine());
            long seeding = System.nanoTime();
            new SampleTenant(app.store(), "bench").seed(accounts, false);
            System.err.printf("bench: %d accounts seeded in %.1f s%n", accounts, (System.nanoTime() - seeding) / 1e9);

            var atStart = BenchUnits.Snapshot.take(meter, runner, transitions);
            long start = atStart.nanos();
            String runId = app.call("POST", "/bill-runs", "{\"targetDate\":\"%s\"}".formatted(SampleTenant.TARGET_DATE))
                    .body().path("id").asText();
            JsonNode completed = app.awaitStatus(runId, PATIENCE, status -> { }, "COMPLETED", "ERROR");
            var atGenerated = BenchUnits.Snapshot.take(meter, runner, transitions);
            long generated = atGenerated.nanos();
            app.call("POST", "/bill-runs/" + runId + "/post", null);
            JsonNode posted = app.awaitStatus(runId, PATIENCE, status -> { }, "POSTED", "COMPLETED");
            var atEnd = BenchUnits.Snapshot.take(meter, runner, transitions);
            long end = atEnd.nanos();

            long invoices = completed.path("counts").path("invoicesGenerated").asLong();
            double total = (end - start) / 1e9;
            System.out.printf("accounts=%d invoices=%d generate_s=%.1f post_s=%.1f total_s=%.1f invoices_per_s=%.0f peak_heap_mb=%d%n",
                    accounts, invoices, (generated - start) / 1e9, (end - generated) / 1e9, total, invoices / total,
                    peakHeap.get() / (1024 * 1024));
            var units = new BenchUnits(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    "%d vCPU, load before %s, after %s".formatted(Runtime.getRuntime().availableProcessors(), loadBefore, load()),
                    accounts, invoices, completed.path("batchCount").asInt() == 0 ? accounts
                            : (int) Math.ceil((double) accounts / completed.path("batchCount").asInt()),
                    atGenerated.since(atStart), atEnd.since(atGenerated));
            if (metered) {
                printUnits(units);
                units.write(unitsFile());
                System.err.println("bench: units written to " + unitsFile());
            }
            return "POSTED".equals(posted.path("status").asText()) ? 0 : 1;
        } finally {
            meter.uninstall();
            heapWatch.shutdownNow();
        }
    }

    /** Per invoice, phase by phase: what the capacity model multiplies. */
    static void printUnits(BenchUnits units) {
        double n = Math.max(1, units.invoices());
        for (var phase : new Object[][] {{"generate", units.generate()}, {"post", units.post()}}) {
            BenchUnits.Phase p = (BenchUnits.Phase) phase[1];
            System.out.printf(Locale.ROOT, "%s per invoice: rru=%.3f wru=%.3f items_read=%.2f lambda_invocations=%.4f gb_s=%.5f"
                            + " sqs_requests=%.3f ses_emails=%.3f state_transitions=%s hottest_key_wru=%.3f (%s)%n",
                    phase[0], p.readUnits() / n, p.writeUnits() / n, p.itemsRead() / n, p.invocations() / n, p.gbSeconds() / n,
                    p.sqsRequests() / n, p.sesEmails() / n,
                    p.stateTransitions() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", p.stateTransitions() / n),
                    p.hottestKeyWriteUnits() / n, p.hottestKey());
            p.lambda().forEach((function, use) -> System.out.printf(Locale.ROOT,
                    "  %s: %d invocations, %.1f s billed, %d MB, %.2f GB-s%n",
                    function, use.invocations(), use.billedMs() / 1000.0, use.memoryMb(), use.gbSeconds()));
            p.dynamoDbByCaller().forEach((caller, m) -> System.out.printf(Locale.ROOT,
                    "  %s: %.1f RRU, %.1f WRU, %.0f items read, calls %s%n", caller, m.getOrDefault("rcu", 0.0),
                    m.getOrDefault("wcu", 0.0), m.getOrDefault("itemsRead", 0.0), calls(m)));
        }
    }

    private static String calls(Map<String, Double> measures) {
        StringBuilder calls = new StringBuilder();
        measures.forEach((measure, value) -> {
            if (measure.startsWith("calls.") || measure.startsWith("refused.") || measure.startsWith("transactWrites.")) {
                calls.append(calls.isEmpty() ? "" : ", ").append(measure).append('=').append(Math.round(value));
            }
        });
        return calls.toString();
    }

    /** The 1, 5 and 15 minute load averages. */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}

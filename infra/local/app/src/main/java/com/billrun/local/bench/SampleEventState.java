package com.billrun.local.bench;

import com.billrun.local.LocalRuntime;
import com.billrun.local.demo.SampleTenant;
import com.billrun.local.lambda.Invocation;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunOptions;
import com.billrun.store.BillrunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the sample events in events/ name, seeded before {@code ./billrun bench-cold-init} times a function, so
 * that its first event does its real work rather than end in NotFound. The samples all name tenant {@value #TENANT},
 * run {@value #RUN}, its batch 00001 and the invoice of account A-0001. Each timed start gets a tenant of its own
 * (the sample with {@value #TENANT} replaced), because the work changes the state: a prepared run cannot be
 * prepared again. The run is brought to the status the function expects by the real functions, invoked here on
 * the parent's local runtime with the same samples: Prepare, the invoice worker, Complete, Post.
 */
final class SampleEventState {

    static final String TENANT = "acme";
    static final String RUN = SampleTenant.SAMPLE_RUN_ID;
    static final int ACCOUNTS = 20;
    /** The execution ARN prefix of the state machine in events/reconcile (AWS's example account and name). */
    static final String SAMPLE_STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:execution:BillRunStateMachine-Xyz";

    /** How far the run must be for a function's sample: each stage is the one before plus one function. */
    enum Stage {
        NONE(null, null), PENDING(null, null), PREPARED("PrepareFunction", "prepare/task.json"),
        INVOICED("InvoiceWorkerFunction", "invoice/sqs-batch.json"), COMPLETED("CompleteFunction", "complete/task.json"),
        POSTED("PostFunction", "post/task.json");

        final String function;
        final String event;

        Stage(String function, String event) {
            this.function = function;
            this.event = event;
        }
    }

    /** The stage each function's sample needs (by the handler's package, as events/ is laid out). */
    static final Map<String, Stage> NEEDS = Map.of(
            "api", Stage.PENDING, "start", Stage.NONE, "prepare", Stage.PENDING, "invoice", Stage.PREPARED,
            "markerror", Stage.PREPARED, "complete", Stage.INVOICED, "post", Stage.COMPLETED, "notify", Stage.COMPLETED,
            "customeremail", Stage.POSTED);

    private final LocalRuntime runtime;
    private final BillrunStore store;
    private final Path root;
    private final Path workDir;

    SampleEventState(LocalRuntime runtime, Path root, Path workDir) {
        this.runtime = runtime;
        this.store = BillrunStore.fromEnv(runtime.runner().spec("ApiFunction").env());
        this.root = root;
        this.workDir = workDir;
    }

    /**
     * Seeds a fresh tenant {@code acme-cold-<n>} for {@code event} (a sample of the handler package
     * {@code pkg}) and returns the sample rewritten to name it.
     */
    Path prepare(String pkg, Path event, int n) throws IOException {
        String tenant = TENANT + "-cold-" + n;
        Stage needed = NEEDS.getOrDefault(pkg, Stage.PENDING);
        if (needed.compareTo(Stage.PENDING) >= 0) {
            new SampleTenant(store, tenant).withIdFormat("A-%04d").seed(ACCOUNTS, false);
            store.billRuns().create(BillRun.pending(tenant, RUN, BillRunOptions.allAccounts(SampleTenant.TARGET_DATE),
                    "ana@" + tenant + ".example", Instant.now()));
        }
        for (Stage stage : List.of(Stage.PREPARED, Stage.INVOICED, Stage.COMPLETED, Stage.POSTED)) {
            if (needed.compareTo(stage) >= 0) {
                Invocation invocation = runtime.runner().invoke(stage.function, sample(root.resolve("events").resolve(stage.event), tenant));
                if (invocation.failed()) {
                    throw new IllegalStateException("seeding " + stage + " for " + pkg + ": " + stage.function + " failed: "
                            + invocation.error().map(Object::toString).orElse("?"));
                }
            }
        }
        Path rewritten = workDir.resolve(tenant + "-" + event.getFileName());
        Files.writeString(rewritten, localStateMachine(sample(event, tenant)));
        return rewritten;
    }

    /** The run's status after the timed event (none for the start function, whose run gets a new id). */
    String runAfter(int n) {
        return store.billRuns().find(TENANT + "-cold-" + n, RUN).map(run -> run.status()
                + (run.counts().invoicesGenerated() > 0 ? " " + run.counts().invoicesGenerated() + " invoices" : "")).orElse("-");
    }

    /**
     * A Step Functions event (the reconciler's sample) names AWS's example state machine; the reconciler only acts on
     * events of its own machines, so the sample is pointed at the local bill-run state machine.
     */
    private String localStateMachine(String sample) {
        String local = runtime.runner().spec("ReconcileFunction").env().get("BILL_RUN_STATE_MACHINE_ARN");
        return local == null ? sample : sample
                .replace(SAMPLE_STATE_MACHINE + ":", local.replace(":stateMachine:", ":execution:") + ":")
                .replace(SAMPLE_STATE_MACHINE.replace(":execution:", ":stateMachine:"), local);
    }

    private static String sample(Path event, String tenant) throws IOException {
        return Files.readString(event).replace(TENANT, tenant);
    }
}

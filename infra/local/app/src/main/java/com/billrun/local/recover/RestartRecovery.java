package com.billrun.local.recover;

import com.billrun.functions.reconcile.UnfinishedRuns;
import com.billrun.local.CliOptions;
import com.billrun.local.LocalRuntime;
import com.billrun.local.ServeExtension;

/**
 * {@code ./billrun serve}'s restart: the executions and the queue messages of the last serve lived in memory and
 * died with it, while {@code --data DIR} kept the table. So, once the template's functions and state machines are
 * up, every run found PROCESSING or POST_IN_PROGRESS is resumed through the same use case as
 * {@code POST /bill-runs/{id}/resume} ({@link UnfinishedRuns}, with the ReconcileFunction's environment).
 */
public final class RestartRecovery implements ServeExtension {

    static final String RECONCILE_FUNCTION = "ReconcileFunction";

    @Override
    public AutoCloseable start(LocalRuntime runtime, CliOptions options) {
        if (!runtime.runner().functionNames().contains(RECONCILE_FUNCTION)) {
            System.out.println("restart: " + RECONCILE_FUNCTION + " is not registered; unfinished runs are not resumed");
            return () -> { };
        }
        long started = System.nanoTime();
        var resumed = UnfinishedRuns.fromEnv(runtime.runner().spec(RECONCILE_FUNCTION).env()).resumeAll();
        resumed.forEach(run -> System.out.printf("restart: bill run %s of %s %s: %s%n", run.run().billRunId(),
                run.run().tenantId(), run.resumed() ? "resumed" : "not resumed", run.detail()));
        System.out.printf("restart: %d unfinished runs found, %d resumed (%d ms)%n", resumed.size(),
                resumed.stream().filter(r -> r.resumed()).count(), (System.nanoTime() - started) / 1_000_000);
        return () -> { };
    }
}

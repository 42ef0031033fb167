package com.billrun.functions.complete;

import com.amazonaws.services.lambda.runtime.Context;
import com.billrun.functions.RunTask;
import com.billrun.functions.TaskHandler;
import com.billrun.functions.logs.Log;
import com.billrun.functions.logs.Metrics;
import com.billrun.store.BillrunStore;
import com.billrun.usecases.billrun.CompleteBillRun;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The Complete task: {@code {tenantId, billRunId}} → {@code {status: COMPLETED|ERROR, autoPost}}. Logs the run's counts
 * and its duration since it was created (metric RunDuration).
 */
public final class CompleteHandler extends TaskHandler {

    private final CompleteBillRun complete;

    public CompleteHandler() {
        this(System.getenv());
    }

    public CompleteHandler(Map<String, String> env) {
        this.complete = new CompleteBillRun(BillrunStore.fromEnv(env));
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> payload, Context context) {
        RunTask task = RunTask.of(payload);
        var completion = complete.complete(task.tenantId(), task.billRunId());
        var counts = completion.counts();
        long runMillis = Duration.between(completion.createdAt(), Instant.now()).toMillis();
        Log.info("complete", "bill run %s: %d of %d accounts billed, %d failed, %d invoices".formatted(completion.status(),
                        counts.accountsProcessed(), counts.accountsSelected(), counts.failedAccounts(), counts.invoicesGenerated()),
                "status", completion.status(), "accountsSelected", counts.accountsSelected(),
                "accountsBilled", counts.accountsProcessed(), "accountsFailed", counts.failedAccounts(),
                "invoicesGenerated", counts.invoicesGenerated(), "runMs", runMillis);
        Metrics.emit(Metrics.millis("RunDuration", runMillis));
        return Map.of("status", completion.status().name(), "autoPost", completion.autoPost());
    }
}

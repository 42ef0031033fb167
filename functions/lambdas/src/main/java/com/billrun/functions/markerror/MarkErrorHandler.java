package com.billrun.functions.markerror;

import com.amazonaws.services.lambda.runtime.Context;
import com.billrun.functions.RunTask;
import com.billrun.functions.StepFunctionsFailure;
import com.billrun.functions.TaskHandler;
import com.billrun.functions.logs.Log;
import com.billrun.store.BillrunStore;
import com.billrun.usecases.billrun.MarkBillRunError.Phase;
import com.billrun.usecases.billrun.MarkBillRunError;
import java.util.Map;

/**
 * The error path's task: {@code {tenantId, billRunId, phase: GENERATE|POST, error: {Error, Cause}}} →
 * {@code {status}}: GENERATE → ERROR with the cause; POST → back to COMPLETED.
 */
public final class MarkErrorHandler extends TaskHandler {

    private final MarkBillRunError markError;

    public MarkErrorHandler() {
        this(System.getenv());
    }

    public MarkErrorHandler(Map<String, String> env) {
        BillrunStore store = BillrunStore.fromEnv(env);
        this.markError = new MarkBillRunError(store.billRuns(), store.batches());
        StepFunctionsFailure.warmUp();
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> payload, Context context) {
        RunTask task = RunTask.of(payload);
        Phase phase = Phase.valueOf(RunTask.required(payload, "phase"));
        String cause = StepFunctionsFailure.describe(payload.get("error"));
        var run = markError.mark(task.tenantId(), task.billRunId(), phase, cause);
        Log.error("mark-error", "bill run marked %s after a failed %s step: %s".formatted(run.status(), phase, cause), null,
                "phase", phase, "status", run.status(), "cause", cause);
        return Map.of("status", run.status().name());
    }
}

package com.billrun.functions.complete;

import com.amazonaws.services.lambda.runtime.Context;
import com.billrun.functions.RunTask;
import com.billrun.functions.TaskHandler;
import com.billrun.store.BillrunStore;
import com.billrun.usecases.billrun.CompleteBillRun;
import java.util.Map;

/** The Complete task: {@code {tenantId, billRunId}} → {@code {status: COMPLETED|ERROR, autoPost}}. */
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
        return Map.of("status", completion.status().name(), "autoPost", completion.autoPost());
    }
}

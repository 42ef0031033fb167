package com.billrun.functions.prepare;

import com.amazonaws.services.lambda.runtime.Context;
import com.billrun.functions.RunTask;
import com.billrun.functions.TaskHandler;
import com.billrun.functions.logs.Log;
import com.billrun.store.BillrunStore;
import com.billrun.usecases.billrun.PrepareBillRun;
import java.util.List;
import java.util.Map;

/**
 * The Prepare task: {@code {tenantId, billRunId, executionId}} → {@code {batchIds: ["00001", ...]}}. The batch size
 * is {@code ACCOUNT_BATCH_SIZE} (template parameter AccountBatchSize, default 500).
 */
public final class PrepareHandler extends TaskHandler {

    static final String BATCH_SIZE = "ACCOUNT_BATCH_SIZE";
    static final int DEFAULT_BATCH_SIZE = 500;

    private final PrepareBillRun prepare;

    public PrepareHandler() {
        this(System.getenv());
    }

    public PrepareHandler(Map<String, String> env) {
        String batchSize = env.get(BATCH_SIZE);
        this.prepare = new PrepareBillRun(BillrunStore.fromEnv(env),
                batchSize == null || batchSize.isBlank() ? DEFAULT_BATCH_SIZE : Integer.parseInt(batchSize.strip()));
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> payload, Context context) {
        RunTask task = RunTask.of(payload);
        long started = System.nanoTime();
        List<String> batchIds = prepare.prepare(task.tenantId(), task.billRunId());
        Log.info("prepare", "bill run prepared: %d batch%s".formatted(batchIds.size(), batchIds.size() == 1 ? "" : "es"), "batches", batchIds.size(),
                "ms", (System.nanoTime() - started) / 1_000_000);
        return Map.of("batchIds", batchIds);
    }
}

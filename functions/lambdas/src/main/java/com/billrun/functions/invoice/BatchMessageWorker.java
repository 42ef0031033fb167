package com.billrun.functions.invoice;

import com.billrun.functions.logs.Log;
import com.billrun.functions.logs.Metrics;
import com.billrun.store.BatchFailure;
import com.billrun.store.BatchSummary;
import com.billrun.store.TransientStoreException;
import com.billrun.usecases.billrun.InvoiceBatch;
import com.billrun.usecases.billrun.TaskCallback;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * One SQS message of the invoice queue, end to end: invoice the batch, then answer the waiting task.
 * <ul>
 *   <li>done → SendTaskSuccess with the batch's counts;</li>
 *   <li>the batch cannot be invoiced (the run is not PROCESSING, the batch does not exist) → SendTaskFailure, and
 *       the message is consumed: delivering it again would not change that;</li>
 *   <li>DynamoDB or Step Functions unreachable → the message is left for SQS to deliver again (a batch item
 *       failure); the accounts already recorded are then only counted.</li>
 * </ul>
 */
final class BatchMessageWorker {

    /** What SQS should do with the message. */
    enum Disposition { CONSUMED, DELIVER_AGAIN }

    private final InvoiceBatch invoiceBatch;
    private final TaskCallback callback;
    private final Clock clock;

    BatchMessageWorker(InvoiceBatch invoiceBatch, TaskCallback callback, Clock clock) {
        this.invoiceBatch = invoiceBatch;
        this.callback = callback;
        this.clock = clock;
    }

    Disposition process(String body) {
        BatchMessage message;
        try {
            message = BatchMessage.parse(body);
        } catch (IllegalArgumentException unreadable) {
            // Without a task token there is nobody to answer; the execution's task timeout will catch it.
            Log.error("batch.unreadable", "unreadable invoice batch message, dropped: " + unreadable.getMessage(), null);
            return Disposition.CONSUMED;
        }
        Log.run(message.tenantId(), message.billRunId());
        Log.batch(message.batchId());
        try {
            long started = System.nanoTime();
            BatchSummary summary = invoiceBatch.invoice(message.tenantId(), message.billRunId(), message.batchId(),
                    new Heartbeats(callback, message.taskToken(), clock));
            long millis = (System.nanoTime() - started) / 1_000_000;
            var counts = summary.counts();
            Log.info("batch", "batch %s invoiced: %d of %d accounts billed, %d failed, %d invoices in %d ms".formatted(
                            message.batchId(), counts.accountsProcessed(), counts.accountsSelected(), counts.failedAccounts(),
                            counts.invoicesGenerated(), millis),
                    "accountsSelected", counts.accountsSelected(), "accountsBilled", counts.accountsProcessed(),
                    "accountsFailed", counts.failedAccounts(), "invoicesGenerated", counts.invoicesGenerated(), "ms", millis);
            Metrics.emit(Metrics.count("AccountsBilled", counts.accountsProcessed()),
                    Metrics.count("AccountsFailed", counts.failedAccounts()),
                    Metrics.count("InvoicesGenerated", counts.invoicesGenerated()),
                    Metrics.millis("BatchDuration", millis));
            answered(callback.success(message.taskToken(), output(message.batchId(), summary)), message);
        } catch (RuntimeException failed) {
            return answerFailure(message, failed);
        }
        return Disposition.CONSUMED;
    }

    private Disposition answerFailure(BatchMessage message, RuntimeException failed) {
        if (isTransient(failed)) {
            Log.warn("batch.retry", "batch %s will be delivered again: %s".formatted(message.batchId(), failed),
                    "errorType", failed.getClass().getName());
            return Disposition.DELIVER_AGAIN;
        }
        Log.error("batch.failed", "batch %s failed: %s".formatted(message.batchId(), failed), failed);
        if (!invoiceBatch.recordFailure(message.tenantId(), message.billRunId(), message.batchId(),
                new BatchFailure(failed.getClass().getSimpleName(), failed.getMessage(), clock.instant()))) {
            Log.warn("batch.failure-not-recorded", "batch %s: its failure could not be recorded on the batch".formatted(
                    message.batchId()));
        }
        answered(callback.failure(message.taskToken(), failed.getClass().getSimpleName(),
                String.valueOf(failed.getMessage())), message);
        return Disposition.CONSUMED;
    }

    /** The table or Step Functions could not be reached or throttled us: another delivery may well succeed. */
    private static boolean isTransient(RuntimeException failed) {
        return failed instanceof TransientStoreException || failed instanceof SdkClientException
                || failed instanceof SdkServiceException service && (service.isThrottlingException() || service.statusCode() >= 500);
    }

    private static void answered(boolean waited, BatchMessage message) {
        if (!waited) {
            Log.info("batch.late", "batch %s: its task is already over (a redelivery)".formatted(message.batchId()));
        }
    }

    static Map<String, Object> output(String batchId, BatchSummary summary) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("batchId", batchId);
        output.put("accountsSelected", summary.counts().accountsSelected());
        output.put("accountsProcessed", summary.counts().accountsProcessed());
        output.put("invoicesGenerated", summary.counts().invoicesGenerated());
        output.put("failedAccounts", summary.counts().failedAccounts());
        return output;
    }
}

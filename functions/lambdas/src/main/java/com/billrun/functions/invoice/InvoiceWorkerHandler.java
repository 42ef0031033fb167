package com.billrun.functions.invoice;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.billrun.adapters.stepfunctions.StepFunctionsTaskCallback;
import com.billrun.aws.AwsClients;
import com.billrun.aws.Background;
import com.billrun.functions.SqsBatchHandler;
import com.billrun.functions.invoice.BatchMessageWorker.Disposition;
import com.billrun.store.BillrunStore;
import com.billrun.usecases.billrun.InvoiceBatch;
import com.billrun.usecases.billrun.TaskCallback;
import java.time.Clock;
import java.util.Map;

/**
 * The invoice worker (docs/ARCHITECTURE.md): SQS batches of the invoice queue, each message one batch of a run with its
 * task token. Reports {@code batchItemFailures} (ReportBatchItemFailures): only the messages to deliver again.
 */
public final class InvoiceWorkerHandler extends SqsBatchHandler {

    private final BatchMessageWorker worker;

    public InvoiceWorkerHandler() {
        this(System.getenv());
    }

    public InvoiceWorkerHandler(Map<String, String> env) {
        this(BillrunStore.fromEnv(env), new StepFunctionsTaskCallback(AwsClients.sfn(env)), Clock.systemUTC());
        // Jackson's one-time set-up for the message body and the task's output, beside the clients' build.
        Background.warmUp("json-warm-up", () -> {
            BatchMessage.parse("{\"tenantId\":\"t\",\"billRunId\":\"r\",\"batchId\":\"b\",\"taskToken\":\"k\"}");
            StepFunctionsTaskCallback.json(Map.of("accounts", 0));
        });
    }

    /** With the callback of the caller's choice (tests answer tasks without a state machine). */
    public InvoiceWorkerHandler(BillrunStore store, TaskCallback callback, Clock clock) {
        this.worker = new BatchMessageWorker(new InvoiceBatch(store), callback, clock);
    }

    @Override
    public SQSBatchResponse handle(SQSEvent event, Context context) {
        return new SQSBatchResponse(event.getRecords().stream()
                .filter(message -> worker.process(message.getBody()) == Disposition.DELIVER_AGAIN)
                .map(message -> new SQSBatchResponse.BatchItemFailure(message.getMessageId()))
                .toList());
    }
}

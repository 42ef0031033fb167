package com.billrun.adapters.sqs;

import com.billrun.functions.customeremail.InvoiceEmailMessage;
import com.billrun.usecases.billrun.CustomerEmailQueue;
import com.billrun.usecases.billrun.CustomerEmailResends;
import com.billrun.usecases.corrections.CreditNoteEmails;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** {@link CustomerEmailQueue}, {@link CustomerEmailResends} and {@link CreditNoteEmails} on SQS: one message per invoice or credit note, sent ten to a call (SendMessageBatch's limit). */
public final class SqsCustomerEmailQueue implements CustomerEmailQueue, CustomerEmailResends, CreditNoteEmails {

    private static final int BATCH_LIMIT = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsCustomerEmailQueue(SqsClient sqs, String queueUrl) {
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalArgumentException("CUSTOMER_EMAIL_QUEUE_URL is not set");
        }
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueueResend(String tenantId, String billRunId, String invoiceId, Resend resend) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody(new InvoiceEmailMessage(tenantId, billRunId, invoiceId, resend).toJson()));
    }

    @Override
    public void enqueueCreditNote(String tenantId, String billRunId, String invoiceId, String creditNoteId) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody(InvoiceEmailMessage.creditNote(tenantId, billRunId, invoiceId, creditNoteId).toJson()));
    }

    @Override
    public void enqueue(String tenantId, String billRunId, List<String> invoiceIds) {
        for (int from = 0; from < invoiceIds.size(); from += BATCH_LIMIT) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (String invoiceId : invoiceIds.subList(from, Math.min(invoiceIds.size(), from + BATCH_LIMIT))) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                        .messageBody(new InvoiceEmailMessage(tenantId, billRunId, invoiceId).toJson()).build());
            }
            var response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new IllegalStateException(response.failed().size() + " customer emails not queued: "
                        + response.failed().getFirst().message());
            }
        }
    }
}

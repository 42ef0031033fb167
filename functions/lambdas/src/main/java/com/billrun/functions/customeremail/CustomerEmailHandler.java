package com.billrun.functions.customeremail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.billrun.adapters.ses.SesMailer;
import com.billrun.aws.AwsClients;
import com.billrun.aws.Background;
import com.billrun.functions.SqsBatchHandler;
import com.billrun.store.BillrunStore;
import com.billrun.store.CreditNoteRepository;
import com.billrun.store.NotificationLog;
import com.billrun.usecases.billrun.EmailPostedInvoice;
import com.billrun.usecases.billrun.MailDelivery;
import com.billrun.usecases.corrections.EmailCreditNote;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Emails posted invoices to their customers, one SQS message per invoice. One SES attempt per delivery: a failed
 * message is reported ({@code ReportBatchItemFailures}) and SQS tries it again later, then the DLQ; a redelivered
 * message whose email went out is recognised by the notification log and not sent twice. A re-send asked for
 * through the API carries its own id, so it goes out once more, logged with who asked and when. A message of kind
 * CREDIT_NOTE emails an issued credit note with its PDF, once.
 */
public final class CustomerEmailHandler extends SqsBatchHandler {

    private final EmailPostedInvoice emailPostedInvoice;
    private final EmailCreditNote emailCreditNote;

    public CustomerEmailHandler() {
        this(System.getenv());
    }

    public CustomerEmailHandler(Map<String, String> env) {
        BillrunStore store = BillrunStore.fromEnv(env);
        MailDelivery delivery = new MailDelivery(new NotificationLog(store.table(), Clock.systemUTC()),
                new SesMailer(AwsClients.sesV2(env), env.get("SENDER_EMAIL")), 1, Duration.ZERO);
        this.emailPostedInvoice = new EmailPostedInvoice(store.invoices(), store.accounts(), delivery);
        this.emailCreditNote = new EmailCreditNote(new CreditNoteRepository(store.table()), store.accounts(), delivery);
        // Jackson's one-time set-up for the message body, beside the clients' build.
        Background.warmUp("json-warm-up", () -> InvoiceEmailMessage.fromJson(
                new InvoiceEmailMessage("t", "r", "i").toJson()));
    }

    @Override
    public SQSBatchResponse handle(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (!emailed(message, context)) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private boolean emailed(SQSEvent.SQSMessage message, Context context) {
        try {
            InvoiceEmailMessage request = InvoiceEmailMessage.fromJson(message.getBody());
            if (request.creditNoteId() != null) {
                return emailCreditNote.email(request.tenantId(), request.creditNoteId());
            }
            var result = emailPostedInvoice.email(request.tenantId(), request.billRunId(), request.invoiceId(),
                    request.resend());
            return result != EmailPostedInvoice.Result.FAILED;
        } catch (RuntimeException e) {
            context.getLogger().log("customer email " + message.getMessageId() + " failed: " + e);
            return false;
        }
    }
}

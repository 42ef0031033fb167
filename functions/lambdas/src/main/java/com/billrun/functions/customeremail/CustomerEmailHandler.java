package com.billrun.functions.customeremail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.billrun.adapters.ses.SesMailer;
import com.billrun.aws.AwsClients;
import com.billrun.aws.Background;
import com.billrun.functions.SqsBatchHandler;
import com.billrun.functions.logs.Log;
import com.billrun.functions.logs.Metrics;
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
            if (email(message) == EmailPostedInvoice.Result.FAILED) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** One message: its outcome logged and counted (an exception counts as FAILED, to be delivered again). */
    private EmailPostedInvoice.Result email(SQSEvent.SQSMessage message) {
        EmailPostedInvoice.Result result = EmailPostedInvoice.Result.FAILED;
        try {
            InvoiceEmailMessage request = InvoiceEmailMessage.fromJson(message.getBody());
            Log.run(request.tenantId(), request.billRunId());
            if (request.creditNoteId() != null) {
                boolean sent = emailCreditNote.email(request.tenantId(), request.creditNoteId());
                result = sent ? EmailPostedInvoice.Result.SENT : EmailPostedInvoice.Result.FAILED;
                Log.info("email", "credit note %s email: %s".formatted(request.creditNoteId(), result),
                        "creditNoteId", request.creditNoteId(), "outcome", result);
                return result;
            }
            result = emailPostedInvoice.email(request.tenantId(), request.billRunId(), request.invoiceId(),
                    request.resend());
            String text = "invoice %s email: %s".formatted(request.invoiceId(), result);
            if (result == EmailPostedInvoice.Result.FAILED) {
                Log.warn("email", text, "invoiceId", request.invoiceId(), "outcome", result, "messageId", message.getMessageId());
            } else {
                Log.info("email", text, "invoiceId", request.invoiceId(), "outcome", result);
            }
            return result;
        } catch (RuntimeException e) {
            Log.error("email", "customer email failed: " + e, e, "outcome", EmailPostedInvoice.Result.FAILED,
                    "messageId", message.getMessageId());
            return EmailPostedInvoice.Result.FAILED;
        } finally {
            Metrics.emit(Metrics.count("EmailsSent", result == EmailPostedInvoice.Result.SENT ? 1 : 0),
                    Metrics.count("EmailsFailed", result == EmailPostedInvoice.Result.FAILED ? 1 : 0));
            Log.run(null, null);
        }
    }
}

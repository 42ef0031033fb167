package com.billrun.usecases.billrun;

import com.billrun.core.InvoiceStatus;
import com.billrun.store.AccountRepository;
import com.billrun.store.CustomerAccount;
import com.billrun.store.InvoiceRepository;
import com.billrun.store.NotificationLog;
import com.billrun.store.StoredInvoice;
import com.billrun.usecases.events.Events;
import java.util.Optional;

/**
 * Emails one posted invoice to its account's bill-to address, once (docs/ARCHITECTURE.md: customer emails after
 * posting, when the run asks for them). The invoice and the account are read fresh, so the email shows the
 * invoice as posted, and goes where the account says today. A voided invoice is never emailed as due (skipped).
 */
public final class EmailPostedInvoice {

    /** What became of the email; SKIPPED when there is nothing that could be sent. */
    public enum Result { SENT, ALREADY_SENT, FAILED, SKIPPED }

    private final InvoiceRepository invoices;
    private final AccountRepository accounts;
    private final MailDelivery delivery;

    public EmailPostedInvoice(InvoiceRepository invoices, AccountRepository accounts, MailDelivery delivery) {
        this.invoices = invoices;
        this.accounts = accounts;
        this.delivery = delivery;
    }

    /** @throws IllegalStateException when the invoice is not posted yet (the message is worth retrying later) */
    public Result email(String tenantId, String billRunId, String invoiceId) {
        return email(tenantId, billRunId, invoiceId, null);
    }

    /**
     * The invoice's email sent again on request ({@code resend} not null): its own subject in the notification
     * log, so it goes out even though the first one did, and once however often the message is delivered.
     */
    public Result email(String tenantId, String billRunId, String invoiceId, CustomerEmailQueue.Resend resend) {
        Optional<StoredInvoice> found = invoices.find(tenantId, invoiceId);
        if (found.isEmpty() || found.get().invoice().status() == InvoiceStatus.CANCELED
                || found.get().invoice().status() == InvoiceStatus.VOIDED) {
            return skipped(invoiceId, "it does not exist, was canceled or was voided");
        }
        StoredInvoice invoice = found.get();
        if (invoice.invoice().status() != InvoiceStatus.POSTED) {
            throw new IllegalStateException("invoice " + invoiceId + " is not posted yet");
        }
        Optional<CustomerAccount> account = accounts.find(tenantId, invoice.invoice().accountId());
        String to = account.map(CustomerAccount::billToEmail).filter(email -> !email.isBlank()).orElse(null);
        if (to == null) {
            return skipped(invoiceId, "its account has no bill-to email");
        }
        Email email = InvoiceEmails.posted(to, account.get(), invoice, resend != null);
        String subject = resend == null ? EmailBillRun.subject(invoiceId) : EmailBillRun.resendSubject(invoiceId, resend.resendId());
        NotificationLog.Resend logged = resend == null ? null
                : new NotificationLog.Resend(EmailBillRun.subject(invoiceId), resend.requestedBy(), resend.requestedAt());
        return switch (delivery.deliver(tenantId, billRunId, subject, email, logged)) {
            case SENT -> Result.SENT;
            case ALREADY_SENT -> Result.ALREADY_SENT;
            case FAILED -> Result.FAILED;
        };
    }

    private static Result skipped(String invoiceId, String why) {
        Events.warn("email.skipped", "invoice " + invoiceId + " not emailed: " + why, "invoiceId", invoiceId);
        return Result.SKIPPED;
    }
}

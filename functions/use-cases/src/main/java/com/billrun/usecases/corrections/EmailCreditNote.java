package com.billrun.usecases.corrections;

import com.billrun.store.AccountRepository;
import com.billrun.store.CreditNoteRepository;
import com.billrun.store.CustomerAccount;
import com.billrun.store.StoredCreditNote;
import com.billrun.usecases.billrun.Email;
import com.billrun.usecases.billrun.MailDelivery;
import java.util.List;
import java.util.Optional;

/**
 * Emails an issued credit note to its account's bill-to address with its PDF, once (docs/ARCHITECTURE.md: customer
 * emails): the notification log's record is {@code MAIL#CREDIT_NOTE-{id}#{recipient}} in the partition of the run
 * that billed the credited invoice, so a redelivered message does not send it twice.
 */
public final class EmailCreditNote {

    private static final System.Logger LOG = System.getLogger(EmailCreditNote.class.getName());

    private final CreditNoteRepository creditNotes;
    private final AccountRepository accounts;
    private final MailDelivery delivery;

    public EmailCreditNote(CreditNoteRepository creditNotes, AccountRepository accounts, MailDelivery delivery) {
        this.creditNotes = creditNotes;
        this.accounts = accounts;
        this.delivery = delivery;
    }

    public static String subject(String creditNoteId) {
        return "CREDIT_NOTE-" + creditNoteId;
    }

    /** @return false when the email failed (the message is worth delivering again) */
    public boolean email(String tenantId, String creditNoteId) {
        Optional<StoredCreditNote> found = creditNotes.find(tenantId, creditNoteId);
        if (found.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "credit note {0} not emailed: it does not exist", creditNoteId);
            return true;
        }
        StoredCreditNote note = found.get();
        Optional<CustomerAccount> account = accounts.find(tenantId, note.accountId());
        String to = account.map(CustomerAccount::billToEmail).filter(email -> !email.isBlank()).orElse(null);
        if (to == null) {
            LOG.log(System.Logger.Level.WARNING, "credit note {0} not emailed: its account has no bill-to email", creditNoteId);
            return true;
        }
        return delivery.deliver(tenantId, note.billRunId(), subject(creditNoteId), email(to, account.get(), note))
                != MailDelivery.Outcome.FAILED;
    }

    static Email email(String to, CustomerAccount account, StoredCreditNote note) {
        StringBuilder text = new StringBuilder("Dear %s,\n\nwe issued credit note %s of %s for invoice %s:\n\n".formatted(
                account.name() == null ? "customer" : account.name(), note.number(), note.date(), note.invoiceNumber()));
        note.lines().forEach(line -> text.append("  %-40s %s – %s  %s%n".formatted(line.chargeName(),
                line.servicePeriodStart(), line.servicePeriodEnd(), line.amount().toPlainString())));
        text.append("""

                Subtotal: %s
                Tax:      %s
                Total:    %s %s
                Reason:   %s
                """.formatted(note.subtotal().toPlainString(), note.taxTotal().toPlainString(), note.currency(),
                note.total().toPlainString(), note.reason()));
        if (note.toAccountCredit().signum() > 0) {
            text.append("%s %s is kept as credit on your account for your next invoices.%n"
                    .formatted(note.currency(), note.toAccountCredit().toPlainString()));
        }
        String subject = "Credit note %s for invoice %s: %s %s".formatted(note.number(), note.invoiceNumber(),
                note.currency(), note.total().toPlainString());
        return new Email(to, subject, text.append("\nThe credit note is attached as PDF.\n").toString(), null,
                List.of(new Email.Attachment(CreditNotePdf.fileName(note), "application/pdf",
                        CreditNotePdf.render(note, account))));
    }
}

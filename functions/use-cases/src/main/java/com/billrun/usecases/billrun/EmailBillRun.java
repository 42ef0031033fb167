package com.billrun.usecases.billrun;

import com.billrun.core.InvoiceStatus;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunConflictException;
import com.billrun.store.BillRunRepository;
import com.billrun.store.BillRunStatus;
import com.billrun.store.InvoiceRepository.InvoiceTotal;
import com.billrun.store.InvoiceRepository;
import com.billrun.store.NotificationLog.Delivery;
import com.billrun.store.NotificationLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Emails a POSTED run's invoices to their customers on demand ({@code POST /bill-runs/{id}/email},
 * docs/ARCHITECTURE.md: customer emails): every posted invoice not emailed yet is queued on the customer-email queue,
 * exactly as posting queues them with {@code autoEmail}, and the same consumer sends each once. Zero-total
 * invoices are left out when the run says {@code noEmailForZeroAmountInvoice}. The run itself is only read:
 * emailing never changes, blocks or fails it.
 *
 * <p>"Emailed" means the notification log holds a SENT record for the invoice (its first email or a re-send). An
 * invoice whose message still waits on the queue is queued again; the consumer still sends it once.
 */
public final class EmailBillRun {

    /** What was queued: {@code queued} emails, and the posted invoices left out, with why. */
    public record Queued(String billRunId, int queued, int alreadyEmailed, int zeroAmountSkipped) {
    }

    private static final String INVOICE_SUBJECT = "INVOICE-";
    private static final String RESEND_MARK = "-RESEND-";

    private final BillRunRepository runs;
    private final InvoiceRepository invoices;
    private final NotificationLog log;
    private final CustomerEmailQueue queue;

    public EmailBillRun(BillRunRepository runs, InvoiceRepository invoices, NotificationLog log, CustomerEmailQueue queue) {
        this.runs = runs;
        this.invoices = invoices;
        this.log = log;
        this.queue = queue;
    }

    /** @throws BillRunConflictException when the run is not POSTED (a draft is never emailed as due) */
    public Queued email(String tenantId, String billRunId) {
        BillRun run = runs.get(tenantId, billRunId);
        if (run.status() != BillRunStatus.POSTED) {
            throw new BillRunConflictException(run.status(), "bill run %s is %s; only a POSTED run's invoices are emailed"
                    .formatted(run.number(), run.status()));
        }
        Set<String> emailed = emailedInvoiceIds(tenantId, billRunId);
        List<String> toQueue = new ArrayList<>();
        int alreadyEmailed = 0;
        int zeroSkipped = 0;
        for (InvoiceTotal invoice : invoices.totalsOfRun(tenantId, billRunId, InvoiceStatus.POSTED)) {
            if (emailed.contains(invoice.invoiceId())) {
                alreadyEmailed++;
            } else if (run.options().noEmailForZeroAmountInvoice() && invoice.total().signum() == 0) {
                zeroSkipped++;
            } else {
                toQueue.add(invoice.invoiceId());
            }
        }
        if (!toQueue.isEmpty()) {
            queue.enqueue(tenantId, billRunId, toQueue);
        }
        return new Queued(billRunId, toQueue.size(), alreadyEmailed, zeroSkipped);
    }

    /** Subject of an invoice's first email. */
    static String subject(String invoiceId) {
        return INVOICE_SUBJECT + invoiceId;
    }

    /** Subject of a re-send: its own log record, beside the first email's. */
    static String resendSubject(String invoiceId, String resendId) {
        return INVOICE_SUBJECT + invoiceId + RESEND_MARK + resendId;
    }

    private Set<String> emailedInvoiceIds(String tenantId, String billRunId) {
        return log.ofRun(tenantId, billRunId, INVOICE_SUBJECT).stream()
                .filter(notification -> notification.delivery() == Delivery.SENT)
                .map(notification -> {
                    String id = notification.subject().substring(INVOICE_SUBJECT.length());
                    int resend = id.indexOf(RESEND_MARK);
                    return resend < 0 ? id : id.substring(0, resend);
                })
                .collect(Collectors.toSet());
    }
}

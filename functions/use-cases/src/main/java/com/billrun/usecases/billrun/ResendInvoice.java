package com.billrun.usecases.billrun;

import com.billrun.core.InvoiceStatus;
import com.billrun.store.InvoiceRepository;
import com.billrun.store.NotFoundException;
import com.billrun.store.StoredInvoice;
import java.time.Clock;
import java.util.UUID;

/**
 * Sends one posted invoice to its customer again ({@code POST /invoices/{id}/email}), even if it was emailed before:
 * queued on the customer-email queue as a re-send with its own id, who asked and when, which the notification log
 * records beside the email it repeats (docs/ARCHITECTURE.md: customer emails). A draft or a canceled invoice is
 * never emailed as due.
 */
public final class ResendInvoice {

    /** The re-send queued for {@code invoiceId} of {@code billRunId}. */
    public record Requested(String invoiceId, String billRunId, CustomerEmailQueue.Resend resend) {
    }

    private final InvoiceRepository invoices;
    private final CustomerEmailResends queue;
    private final Clock clock;

    public ResendInvoice(InvoiceRepository invoices, CustomerEmailResends queue, Clock clock) {
        this.invoices = invoices;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * @throws NotFoundException         when the tenant has no such invoice
     * @throws InvoiceConflictException  when it is not POSTED
     */
    public Requested resend(String tenantId, String invoiceId, String requestedBy) {
        StoredInvoice invoice = invoices.get(tenantId, invoiceId);
        InvoiceStatus status = invoice.invoice().status();
        if (status != InvoiceStatus.POSTED) {
            throw new InvoiceConflictException("invoice %s is %s; only a POSTED invoice is emailed".formatted(invoiceId, status));
        }
        var resend = new CustomerEmailQueue.Resend(UUID.randomUUID().toString(), requestedBy, clock.instant());
        queue.enqueueResend(tenantId, invoice.billRunId(), invoiceId, resend);
        return new Requested(invoiceId, invoice.billRunId(), resend);
    }
}

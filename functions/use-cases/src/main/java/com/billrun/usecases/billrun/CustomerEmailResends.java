package com.billrun.usecases.billrun;

/** The customer-email queue taking one invoice's email once more (POST /invoices/{id}/email). */
@FunctionalInterface
public interface CustomerEmailResends {

    /** One invoice's email once more, even if it was sent before: a re-send, logged with who asked and when. */
    void enqueueResend(String tenantId, String billRunId, String invoiceId, CustomerEmailQueue.Resend resend);
}

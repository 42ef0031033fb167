package com.billrun.usecases.corrections;

/** Where issued credit notes wait to be emailed to their customers (the customer-email queue, a message of its own kind). */
public interface CreditNoteEmails {

    void enqueueCreditNote(String tenantId, String billRunId, String invoiceId, String creditNoteId);
}

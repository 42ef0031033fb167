package com.billrun.usecases.billrun;

import java.time.Instant;
import java.util.List;

/** Where posted invoices wait to be emailed to their customers (an SQS queue): emailing never holds up a run. */
public interface CustomerEmailQueue {

    /** An email asked for again by a user (CustomerEmailResends): its own id (the notification log's subject), who asked and when. */
    record Resend(String resendId, String requestedBy, Instant requestedAt) {
    }

    /** Each invoice's email, once (the notification log recognises one already sent). */
    void enqueue(String tenantId, String billRunId, List<String> invoiceIds);
}

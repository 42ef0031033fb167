package com.billrun.usecases.billrun;

import java.util.List;

/** Where posted invoices wait to be emailed to their customers (an SQS queue): emailing never holds up a run. */
public interface CustomerEmailQueue {

    void enqueue(String tenantId, String billRunId, List<String> invoiceIds);
}

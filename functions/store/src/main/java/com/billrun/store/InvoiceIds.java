package com.billrun.store;

/**
 * Invoice ids are derived, not drawn: {@code {billRunId}-{accountId}}. A redelivered batch or a retried Lambda
 * computes the same id for the same run and account, so its conditional Put collides instead of writing a second
 * invoice. (A second run over the same account gets another id; what stops it billing twice is the subscription's
 * version, see {@link AccountBillingWriter}.) Customers see the gap-free number given at posting, not this id.
 */
public final class InvoiceIds {

    private InvoiceIds() {
    }

    public static String of(String billRunId, String accountId) {
        return Keys.id("billRunId", billRunId) + "-" + Keys.id("accountId", accountId);
    }
}

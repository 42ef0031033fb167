package com.billrun.usecases.billrun;

import com.billrun.core.BillingRequest;
import com.billrun.core.ChargeType;
import com.billrun.core.TenantSettings;
import com.billrun.store.AccountBillingData;
import com.billrun.store.BillRun;
import com.billrun.store.InvoiceIds;
import java.time.LocalDate;
import java.util.Set;

/**
 * The engine's request for one account: built here only, so that the invoice preview asks the engine exactly what
 * a bill run on the same dates asks (a dry run of the same call, as Kill Bill's dryRun is).
 */
public final class AccountBillingRequest {

    private AccountBillingRequest() {
    }

    /** The request of {@code run} for one of its accounts; the draft's id is derived from run and account. */
    public static BillingRequest ofRun(BillRun run, AccountBillingData data, TenantSettings settings) {
        return of(InvoiceIds.of(run.id(), data.account().id()), data, run.options().targetDate(),
                run.options().invoiceDate(), run.options().chargeTypesToExclude(), settings);
    }

    /**
     * The request on the account's stored data (account, subscriptions, usage) at {@code targetDate};
     * {@code invoiceDate} null means the target date.
     */
    public static BillingRequest of(String invoiceId, AccountBillingData data, LocalDate targetDate,
                                    LocalDate invoiceDate, Set<ChargeType> chargeTypesToExclude, TenantSettings settings) {
        return new BillingRequest(invoiceId, data.account().billing(), data.engineSubscriptions(), data.usage(),
                targetDate, invoiceDate, settings, chargeTypesToExclude);
    }
}

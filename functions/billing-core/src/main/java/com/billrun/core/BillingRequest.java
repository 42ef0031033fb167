package com.billrun.core;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Everything one account's run needs. {@code invoiceId} is supplied by the caller (the engine creates no ids);
 * {@code invoiceDate} defaults to {@code targetDate}; charges whose type is in {@code chargeTypesToExclude}
 * are neither billed nor advanced.
 */
public record BillingRequest(String invoiceId, Account account, List<Subscription> subscriptions,
                             List<UsageRecord> usage, LocalDate targetDate, LocalDate invoiceDate,
                             TenantSettings settings, Set<ChargeType> chargeTypesToExclude) {

    public BillingRequest {
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        usage = usage == null ? List.of() : List.copyOf(usage);
        settings = settings == null ? TenantSettings.DEFAULTS : settings;
        chargeTypesToExclude = chargeTypesToExclude == null ? Set.of() : Set.copyOf(chargeTypesToExclude);
    }

    /** A run (or preview) of one account on {@code targetDate} with default settings and nothing excluded. */
    public static BillingRequest of(String invoiceId, Account account, List<Subscription> subscriptions,
                                    List<UsageRecord> usage, LocalDate targetDate) {
        return new BillingRequest(invoiceId, account, subscriptions, usage, targetDate, null, null, null);
    }

    public LocalDate effectiveInvoiceDate() {
        return invoiceDate == null ? targetDate : invoiceDate;
    }
}

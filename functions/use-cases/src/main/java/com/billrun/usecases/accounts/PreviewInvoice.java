package com.billrun.usecases.accounts;

import com.billrun.core.BillingResult;
import com.billrun.core.ChargeType;
import com.billrun.core.InvoiceGenerator;
import com.billrun.store.AccountBillingData;
import com.billrun.store.AccountRepository;
import com.billrun.store.NotFoundException;
import com.billrun.store.TenantSettingsRepository;
import com.billrun.usecases.billrun.AccountBillingRequest;
import java.time.LocalDate;
import java.util.Set;

/**
 * What a run at {@code targetDate} would bill an account (infra/openapi.yaml invoice preview): the engine on the
 * account's stored data and the tenant's settings, through the request the invoice worker builds
 * ({@link AccountBillingRequest}), and nothing written:
 * a dry run of the same pure function (Kill Bill's dryRun).
 */
public final class PreviewInvoice {

    /** The draft's id: a preview is never stored, so it needs no unique one. */
    public static final String PREVIEW_ID = "preview";

    private final AccountRepository accounts;
    private final TenantSettingsRepository settings;

    public PreviewInvoice(AccountRepository accounts, TenantSettingsRepository settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    public BillingResult preview(String tenantId, String accountId, LocalDate targetDate, LocalDate invoiceDate,
                                 Set<ChargeType> excluded) {
        AccountBillingData data = accounts.billingData(tenantId, accountId)
                .orElseThrow(() -> new NotFoundException("account", accountId));
        return InvoiceGenerator.generate(AccountBillingRequest.of(PREVIEW_ID, data, targetDate, invoiceDate, excluded,
                settings.get(tenantId)));
    }
}

package com.billrun.functions.api;

import com.billrun.core.ChargeType;
import com.billrun.functions.api.Views.InvoicePreview;
import com.billrun.functions.api.Views.InvoiceView;
import com.billrun.store.BillrunStore;
import com.billrun.store.CustomerAccount;
import com.billrun.store.StoredInvoice;
import com.billrun.usecases.accounts.InvoicePdf;
import com.billrun.usecases.accounts.PreviewInvoice;
import java.time.LocalDate;
import java.util.Set;

/** An account's invoices, one invoice, its PDF, and the preview of what a run would bill (infra/openapi.yaml). */
final class InvoiceRoutes {

    private final BillrunStore store;
    private final PreviewInvoice previewInvoice;

    InvoiceRoutes(BillrunStore store) {
        this.store = store;
        this.previewInvoice = new PreviewInvoice(store.accounts(), store.settings());
    }

    void addTo(Routes routes) {
        routes.add("GET", "/accounts/{id}/invoices", Caller.READ, request -> ApiResponse.ok(Listing.of(request,
                        (cursor, limit) -> store.invoices().ofAccount(request.tenantId(),
                                AccountRoutes.account(store.accounts(), request).id(), cursor, limit),
                        InvoiceView::of)))
                .add("GET", "/invoices/{id}", Caller.READ, request -> ApiResponse.ok(InvoiceView.of(invoice(request))))
                .add("GET", "/invoices/{id}/pdf", Caller.READ, this::pdf)
                .add("POST", "/accounts/{id}/invoice-preview", Caller.READ, this::preview);
    }

    private StoredInvoice invoice(ApiRequest request) {
        String id = request.pathParameter("id");
        return store.invoices().find(request.tenantId(), id).orElseThrow(() -> ApiProblem.notFound("invoice", id));
    }

    /** The customer's document: bill-to from the account as it is now, balance after the payments so far. */
    private ApiResponse pdf(ApiRequest request) {
        StoredInvoice stored = invoice(request);
        CustomerAccount account = store.accounts().find(request.tenantId(), stored.invoice().accountId())
                .orElseThrow(() -> ApiProblem.notFound("account", stored.invoice().accountId()));
        return ApiResponse.document(InvoicePdf.render(stored, account), "application/pdf", InvoicePdf.fileName(stored));
    }

    private ApiResponse preview(ApiRequest request) {
        String accountId = AccountRoutes.account(store.accounts(), request).id();
        JsonBody body = request.jsonBody();
        LocalDate targetDate = body.requiredDate("targetDate");
        LocalDate invoiceDate = body.date("invoiceDate").orElse(null);
        Set<ChargeType> excluded = body.enumSet("chargeTypesToExclude", ChargeType.class);
        body.rejectUnknownFields();
        return ApiResponse.ok(InvoicePreview.of(request.tenantId(),
                previewInvoice.preview(request.tenantId(), accountId, targetDate, invoiceDate, excluded)));
    }
}

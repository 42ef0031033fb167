package com.billrun.functions.api;

import com.billrun.core.CreditRequestLine;
import com.billrun.functions.api.Views.ActivityEntryView;
import com.billrun.functions.api.Views.CreditNoteView;
import com.billrun.functions.api.Views.InvoiceView;
import com.billrun.store.BillrunStore;
import com.billrun.store.CreditNoteRepository;
import com.billrun.store.CustomerAccount;
import com.billrun.store.InvoiceCorrections;
import com.billrun.store.PaymentRepository;
import com.billrun.store.StoredCreditNote;
import com.billrun.usecases.corrections.AccountActivity;
import com.billrun.usecases.corrections.CreditNoteEmails;
import com.billrun.usecases.corrections.CreditNotePdf;
import com.billrun.usecases.corrections.IssueCreditNote;
import com.billrun.usecases.corrections.VoidInvoice;
import java.time.Clock;
import java.util.List;

/**
 * Corrections of posted invoices (infra/openapi.yaml): void, credit notes (issue, read, PDF, by invoice, by
 * account) and the account's activity. Void and credit notes need billing/post, as posting does: they change
 * what customers owe.
 */
final class CorrectionRoutes {

    /** Far more lines than an invoice of one account's subscriptions has. */
    static final int MAX_LINES = 500;
    static final int MAX_REASON_LENGTH = 500;

    private final BillrunStore store;
    private final CreditNoteRepository creditNotes;
    private final VoidInvoice voidInvoice;
    private final IssueCreditNote issueCreditNote;
    private final AccountActivity activity;

    CorrectionRoutes(BillrunStore store, CreditNoteEmails emails, Clock clock) {
        this.store = store;
        this.creditNotes = new CreditNoteRepository(store.table());
        InvoiceCorrections corrections = new InvoiceCorrections(store.table());
        this.voidInvoice = new VoidInvoice(store.invoices(), store.accounts(), store.runAccounts(), corrections, clock);
        this.issueCreditNote = new IssueCreditNote(store.invoices(), store.accounts(), store.settings(), store.counters(),
                corrections, emails, clock);
        this.activity = new AccountActivity(store.invoices(), new PaymentRepository(store.table()), creditNotes,
                store.subscriptions());
    }

    void addTo(Routes routes) {
        routes.add("POST", "/invoices/{id}/void", Caller.POST, this::voidInvoice)
                .add("POST", "/invoices/{id}/credit-notes", Caller.POST, this::issue)
                .add("GET", "/invoices/{id}/credit-notes", Caller.READ, request -> {
                    String invoiceId = invoiceId(request);
                    return ApiResponse.ok(Listing.of(request,
                            (cursor, limit) -> creditNotes.ofInvoice(request.tenantId(), invoiceId, cursor, limit),
                            CreditNoteView::of));
                })
                .add("GET", "/credit-notes/{id}", Caller.READ, request -> ApiResponse.ok(CreditNoteView.of(creditNote(request))))
                .add("GET", "/credit-notes/{id}/pdf", Caller.READ, this::pdf)
                .add("GET", "/accounts/{id}/credit-notes", Caller.READ, request -> {
                    String accountId = AccountRoutes.account(store.accounts(), request).id();
                    return ApiResponse.ok(Listing.of(request,
                            (cursor, limit) -> creditNotes.ofAccount(request.tenantId(), accountId, cursor, limit),
                            CreditNoteView::of));
                })
                .add("GET", "/accounts/{id}/activity", Caller.READ, request -> {
                    String accountId = AccountRoutes.account(store.accounts(), request).id();
                    return ApiResponse.ok(Listing.of(request,
                            (cursor, limit) -> activity.page(request.tenantId(), accountId, cursor, limit),
                            ActivityEntryView::of));
                });
    }

    private ApiResponse voidInvoice(ApiRequest request) {
        String invoiceId = invoiceId(request);
        JsonBody body = request.jsonBody();
        String reason = body.requiredString("reason", MAX_REASON_LENGTH);
        boolean rebill = body.flag("rebill");
        body.rejectUnknownFields();
        return ApiResponse.ok(InvoiceView.of(voidInvoice.voidInvoice(request.tenantId(), invoiceId, reason, rebill,
                request.caller().email())));
    }

    private ApiResponse issue(ApiRequest request) {
        String invoiceId = invoiceId(request);
        JsonBody body = request.jsonBody();
        String reason = body.requiredString("reason", MAX_REASON_LENGTH);
        List<CreditRequestLine> lines = body.objects("lines", MAX_LINES).stream().map(line -> {
            CreditRequestLine read = new CreditRequestLine(line.requiredString("lineId"), line.requiredDecimal("amount"));
            line.rejectUnknownFields();
            return read;
        }).toList();
        body.rejectUnknownFields();
        return ApiResponse.created(CreditNoteView.of(issueCreditNote.issue(request.tenantId(), invoiceId, reason, lines,
                request.caller().email())));
    }

    /** The invoice named by the path, which must be the tenant's (404 otherwise, before anything is read of the body). */
    private String invoiceId(ApiRequest request) {
        String id = request.pathParameter("id");
        return store.invoices().find(request.tenantId(), id).orElseThrow(() -> ApiProblem.notFound("invoice", id)).id();
    }

    private StoredCreditNote creditNote(ApiRequest request) {
        String id = request.pathParameter("id");
        return creditNotes.find(request.tenantId(), id).orElseThrow(() -> ApiProblem.notFound("credit note", id));
    }

    private ApiResponse pdf(ApiRequest request) {
        StoredCreditNote note = creditNote(request);
        CustomerAccount account = store.accounts().find(request.tenantId(), note.accountId())
                .orElseThrow(() -> ApiProblem.notFound("account", note.accountId()));
        return ApiResponse.document(CreditNotePdf.render(note, account), "application/pdf", CreditNotePdf.fileName(note));
    }
}

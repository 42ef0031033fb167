package com.billrun.functions.api;

import com.billrun.store.BillrunStore;
import com.billrun.usecases.billrun.EmailBillRun;
import com.billrun.usecases.billrun.ResendInvoice;
import java.time.Instant;

/**
 * Customer emails on demand (infra/openapi.yaml): a POSTED run's invoices not emailed yet, and one posted invoice
 * once more. Both only queue on the customer-email queue and answer 202; the consumer sends. Scope
 * {@code billing/post}: emailing puts invoices in front of customers for good, as posting does.
 */
final class CustomerEmailRoutes {

    /** What {@code POST /bill-runs/{id}/email} queued, and the posted invoices it left out. */
    record RunEmailsQueued(String billRunId, int queued, int alreadyEmailed, int zeroAmountSkipped) {
        static RunEmailsQueued of(EmailBillRun.Queued queued) {
            return new RunEmailsQueued(queued.billRunId(), queued.queued(), queued.alreadyEmailed(), queued.zeroAmountSkipped());
        }
    }

    /** The re-send {@code POST /invoices/{id}/email} queued. */
    record InvoiceResendQueued(String invoiceId, String billRunId, String resendId, String requestedBy, Instant requestedAt) {
        static InvoiceResendQueued of(ResendInvoice.Requested requested) {
            return new InvoiceResendQueued(requested.invoiceId(), requested.billRunId(), requested.resend().resendId(),
                    requested.resend().requestedBy(), requested.resend().requestedAt());
        }
    }

    private final BillrunStore store;
    private final EmailBillRun emailBillRun;
    private final ResendInvoice resendInvoice;

    CustomerEmailRoutes(BillrunStore store, EmailBillRun emailBillRun, ResendInvoice resendInvoice) {
        this.store = store;
        this.emailBillRun = emailBillRun;
        this.resendInvoice = resendInvoice;
    }

    void addTo(Routes routes) {
        routes.add("POST", "/bill-runs/{id}/email", Caller.POST, this::emailRun)
                .add("POST", "/invoices/{id}/email", Caller.POST, this::resend);
    }

    private ApiResponse emailRun(ApiRequest request) {
        String id = request.pathParameter("id");
        store.billRuns().find(request.tenantId(), id).orElseThrow(() -> ApiProblem.notFound("bill run", id));
        return ApiResponse.accepted(RunEmailsQueued.of(emailBillRun.email(request.tenantId(), id)));
    }

    private ApiResponse resend(ApiRequest request) {
        String id = request.pathParameter("id");
        store.invoices().find(request.tenantId(), id).orElseThrow(() -> ApiProblem.notFound("invoice", id));
        return ApiResponse.accepted(InvoiceResendQueued.of(resendInvoice.resend(request.tenantId(), id, request.caller().email())));
    }
}

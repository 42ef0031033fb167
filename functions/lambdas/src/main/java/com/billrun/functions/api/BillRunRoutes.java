package com.billrun.functions.api;

import com.billrun.functions.api.Views.BillRunAccepted;
import com.billrun.functions.api.Views.BillRunView;
import com.billrun.functions.api.Views.FailureView;
import com.billrun.functions.api.Views.InvoiceView;
import com.billrun.functions.api.Views.RunAccountView;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunStatus;
import com.billrun.store.BillrunStore;
import com.billrun.store.Page;
import com.billrun.usecases.billrun.CancelBillRun;
import com.billrun.usecases.billrun.CreateBillRun;
import com.billrun.usecases.billrun.DeleteBillRun;
import com.billrun.usecases.billrun.RequestPost;
import com.billrun.usecases.billrun.ResumeBillRun;
import com.billrun.usecases.billrun.RetryFailures;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The bill-run routes of infra/openapi.yaml: create, list, get, the three tabs, post, cancel, resume, retry the
 * failures, delete; the tabs answer JSON or CSV.
 */
final class BillRunRoutes {

    private final BillrunStore store;
    private final CreateBillRun createBillRun;
    private final RequestPost requestPost;
    private final CancelBillRun cancelBillRun;
    private final RetryFailures retryFailures;
    private final DeleteBillRun deleteBillRun;
    private final ResumeBillRun resumeBillRun;
    private final RunTabExports exports;

    BillRunRoutes(BillrunStore store, CreateBillRun createBillRun, RequestPost requestPost, CancelBillRun cancelBillRun,
                  RetryFailures retryFailures, DeleteBillRun deleteBillRun, ResumeBillRun resumeBillRun) {
        this.store = store;
        this.createBillRun = createBillRun;
        this.requestPost = requestPost;
        this.cancelBillRun = cancelBillRun;
        this.retryFailures = retryFailures;
        this.deleteBillRun = deleteBillRun;
        this.resumeBillRun = resumeBillRun;
        this.exports = new RunTabExports(store.accounts());
    }

    void addTo(Routes routes) {
        routes.add("POST", "/bill-runs", Caller.WRITE, this::create)
                .add("GET", "/bill-runs", Caller.READ, this::list)
                .add("GET", "/bill-runs/{id}", Caller.READ, request -> ApiResponse.ok(BillRunView.of(run(request))))
                .add("GET", "/bill-runs/{id}/invoices", Caller.READ, request -> tab(request, "invoices",
                        (cursor, limit) -> store.invoices().ofRun(request.tenantId(), run(request).id(), cursor, limit),
                        InvoiceView::of, exports::invoices))
                .add("GET", "/bill-runs/{id}/accounts", Caller.READ, request -> tab(request, "accounts",
                        (cursor, limit) -> store.runAccounts().accounts(request.tenantId(), run(request).id(), cursor, limit),
                        RunAccountView::of, exports::accounts))
                .add("GET", "/bill-runs/{id}/failures", Caller.READ, request -> tab(request, "failures",
                        (cursor, limit) -> store.runAccounts().failures(request.tenantId(), run(request).id(), cursor, limit),
                        FailureView::of, exports::failures))
                .add("POST", "/bill-runs/{id}/post", Caller.POST, request -> ApiResponse.accepted(BillRunAccepted.of(
                        requestPost.request(request.tenantId(), run(request).id(), request.caller().email()))))
                .add("POST", "/bill-runs/{id}/cancel", Caller.WRITE, request -> ApiResponse.accepted(BillRunAccepted.of(
                        cancelBillRun.cancel(request.tenantId(), run(request).id(), request.caller().email()))))
                .add("POST", "/bill-runs/{id}/resume", Caller.WRITE, this::resume)
                .add("POST", "/bill-runs/{id}/retry-failures", Caller.WRITE, this::retryFailures)
                .add("DELETE", "/bill-runs/{id}", Caller.WRITE, request -> {
                    deleteBillRun.delete(request.tenantId(), run(request).id(), request.caller().email());
                    return new ApiResponse(204, null);
                });
    }

    /** Newest first; {@code ?status=} keeps the runs in that status (BillRunRepository reads on past the others). */
    private ApiResponse list(ApiRequest request) {
        String tenant = request.tenantId();
        var status = request.queryParameter("status").map(BillRunRoutes::status);
        return ApiResponse.ok(Listing.of(request, (cursor, limit) -> status.isPresent()
                ? store.billRuns().list(tenant, status.get(), cursor, limit)
                : store.billRuns().list(tenant, cursor, limit), BillRunView::of));
    }

    private static BillRunStatus status(String text) {
        for (BillRunStatus status : BillRunStatus.values()) {
            if (status.name().equals(text)) {
                return status;
            }
        }
        throw ApiProblem.malformed("status", "must be one of " + Arrays.toString(BillRunStatus.values()));
    }

    /** The new run posts itself when the original did: that needs the posting scope, as POST /bill-runs with autoPost. */
    private ApiResponse retryFailures(ApiRequest request) {
        BillRun original = run(request);
        if (original.options().autoPost() && !request.caller().scopes().contains(Caller.POST)) {
            throw ApiProblem.missingScope(Caller.POST, "autoPost");
        }
        return ApiResponse.accepted(BillRunAccepted.of(
                retryFailures.retry(request.tenantId(), original.id(), request.caller().email())));
    }

    /** Resuming a run that is posting goes on posting it: that needs billing/post as well. */
    private ApiResponse resume(ApiRequest request) {
        BillRun run = run(request);
        if (run.status() == BillRunStatus.POST_IN_PROGRESS) {
            request.caller().require(Caller.POST);
        }
        return ApiResponse.accepted(BillRunAccepted.of(resumeBillRun.resume(request.tenantId(), run.id(), request.caller().email())));
    }

    /** A tab of the run: JSON, or CSV when the client asks for it with {@code Accept: text/csv} (RunTabExports). */
    private <S> ApiResponse tab(ApiRequest request, String tab, Listing.PageQuery<S> query, Function<S, ?> view,
                                CsvExport<S> csv) {
        if (!Csv.wanted(request)) {
            return ApiResponse.ok(Listing.of(request, query, view));
        }
        String path = "/bill-runs/" + run(request).id() + "/" + tab;
        return csv.export(request, path, Listing.page(request, query));
    }

    @FunctionalInterface
    private interface CsvExport<S> {
        ApiResponse export(ApiRequest request, String path, Page<S> page);
    }

    private ApiResponse create(ApiRequest request) {
        var options = BillRunRequests.options(request.jsonBody());
        if (options.autoPost()) {
            // Posting has its own permission: a run that posts itself is a post by its initiator.
            request.caller().require(Caller.POST, "autoPost");
        }
        return ApiResponse.accepted(BillRunAccepted.of(createBillRun.create(request.tenantId(), options, request.caller().email())));
    }

    /** The run of the path, of the caller's tenant only: another tenant's id is simply not found. */
    private BillRun run(ApiRequest request) {
        String id = request.pathParameter("id");
        return store.billRuns().find(request.tenantId(), id).orElseThrow(() -> ApiProblem.notFound("bill run", id));
    }
}

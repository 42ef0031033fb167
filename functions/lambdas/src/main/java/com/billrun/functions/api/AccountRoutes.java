package com.billrun.functions.api;

import com.billrun.core.Subscription;
import com.billrun.functions.api.Views.AccountView;
import com.billrun.functions.api.Views.InvoiceView;
import com.billrun.functions.api.Views.SubscriptionView;
import com.billrun.store.BillrunStore;
import com.billrun.store.CustomerAccount;

/**
 * The minimal account routes a bill run needs to be driven through the API (create an account, give it a
 * subscription, read it and its invoices); the portal API issue completes the rest.
 */
final class AccountRoutes {

    private final BillrunStore store;

    AccountRoutes(BillrunStore store) {
        this.store = store;
    }

    void addTo(Routes routes) {
        routes.add("POST", "/accounts", Caller.WRITE, this::createAccount)
                .add("GET", "/accounts/{id}", Caller.READ, request -> ApiResponse.ok(AccountView.of(account(request))))
                .add("POST", "/accounts/{id}/subscriptions", Caller.WRITE, this::createSubscription)
                .add("GET", "/accounts/{id}/invoices", Caller.READ, request -> ApiResponse.ok(Listing.of(request,
                        (cursor, limit) -> store.invoices().ofAccount(request.tenantId(), account(request).id(), cursor, limit),
                        InvoiceView::of)))
                .add("GET", "/invoices/{id}", Caller.READ, request -> ApiResponse.ok(InvoiceView.of(store.invoices()
                        .find(request.tenantId(), request.pathParameter("id"))
                        .orElseThrow(() -> ApiProblem.notFound("invoice", request.pathParameter("id"))))));
    }

    private ApiResponse createAccount(ApiRequest request) {
        CustomerAccount account = AccountRequests.account(request.jsonBody());
        if (!store.accounts().create(request.tenantId(), account)) {
            throw ApiProblem.conflict("account " + account.id() + " already exists");
        }
        return ApiResponse.created(AccountView.of(account));
    }

    private ApiResponse createSubscription(ApiRequest request) {
        CustomerAccount account = account(request);
        Subscription subscription = AccountRequests.subscription(request.jsonBody());
        if (!store.subscriptions().create(request.tenantId(), account.id(), subscription)) {
            throw ApiProblem.conflict("subscription " + subscription.id() + " already exists");
        }
        return ApiResponse.created(SubscriptionView.of(account.id(), subscription));
    }

    private CustomerAccount account(ApiRequest request) {
        String id = request.pathParameter("id");
        return store.accounts().find(request.tenantId(), id).orElseThrow(() -> ApiProblem.notFound("account", id));
    }
}

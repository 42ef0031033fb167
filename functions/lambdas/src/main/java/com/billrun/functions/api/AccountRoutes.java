package com.billrun.functions.api;

import com.billrun.core.RequestLimits;
import com.billrun.core.Subscription;
import com.billrun.core.Tier;
import com.billrun.core.UsageRecord;
import com.billrun.functions.api.Views.AccountView;
import com.billrun.functions.api.Views.SubscriptionView;
import com.billrun.functions.api.Views.UsageRecorded;
import com.billrun.functions.api.Views.UsageView;
import com.billrun.store.AccountRepository;
import com.billrun.store.BillrunStore;
import com.billrun.store.CustomerAccount;
import com.billrun.store.StoredSubscription;
import com.billrun.usecases.accounts.AccountStanding;
import com.billrun.usecases.accounts.AmendCharge;
import com.billrun.usecases.accounts.CancelSubscription;
import com.billrun.usecases.accounts.ReadSubscriptions;
import com.billrun.usecases.accounts.RecordUsage.UsageInput;
import com.billrun.usecases.accounts.RecordUsage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** Accounts, their subscriptions (create, read, list, cancel, amend a never-billed charge) and usage (infra/openapi.yaml). */
final class AccountRoutes {

    private final BillrunStore store;
    private final AccountStanding standing;
    private final CancelSubscription cancelSubscription;
    private final AmendCharge amendCharge;
    private final RecordUsage recordUsage;
    private final ReadSubscriptions readSubscriptions;

    AccountRoutes(BillrunStore store, Clock clock) {
        this.store = store;
        this.standing = new AccountStanding(store.invoices(), clock);
        this.cancelSubscription = new CancelSubscription(store.subscriptions());
        this.amendCharge = new AmendCharge(store.accounts(), store.subscriptions(), clock);
        this.recordUsage = new RecordUsage(store.accounts(), store.usage());
        this.readSubscriptions = new ReadSubscriptions(store.subscriptions(), clock);
    }

    void addTo(Routes routes) {
        routes.add("POST", "/accounts", Caller.WRITE, this::createAccount)
                .add("GET", "/accounts", Caller.READ, request -> ApiResponse.ok(Listing.of(request,
                        (cursor, limit) -> store.accounts().list(request.tenantId(), cursor, limit),
                        account -> view(request, account))))
                .add("GET", "/accounts/{id}", Caller.READ,
                        request -> ApiResponse.ok(view(request, account(store.accounts(), request))))
                .add("POST", "/accounts/{id}/subscriptions", Caller.WRITE, this::createSubscription)
                .add("GET", "/accounts/{id}/subscriptions", Caller.READ, request -> ApiResponse.ok(Listing.of(request,
                        (cursor, limit) -> readSubscriptions.ofAccount(request.tenantId(),
                                account(store.accounts(), request).id(), cursor, limit),
                        SubscriptionView::of)))
                .add("GET", "/subscriptions/{id}", Caller.READ, this::subscription)
                .add("POST", "/subscriptions/{id}/cancel", Caller.WRITE, this::cancelSubscription)
                .add("PUT", "/subscriptions/{id}/charges/{chargeId}", Caller.WRITE, this::amendCharge)
                .add("POST", "/accounts/{id}/usage", Caller.WRITE, this::recordUsage);
    }

    /** The account of the path, of the caller's tenant only: another tenant's id is simply not found. */
    static CustomerAccount account(AccountRepository accounts, ApiRequest request) {
        String id = request.pathParameter("id");
        return accounts.find(request.tenantId(), id).orElseThrow(() -> ApiProblem.notFound("account", id));
    }

    private AccountView view(ApiRequest request, CustomerAccount account) {
        return AccountView.of(account, standing.statusOf(request.tenantId(), account));
    }

    private ApiResponse createAccount(ApiRequest request) {
        CustomerAccount account = AccountRequests.account(request.jsonBody());
        if (!store.accounts().create(request.tenantId(), account)) {
            throw ApiProblem.conflict("account " + account.id() + " already exists");
        }
        return ApiResponse.created(AccountView.of(account, account.status().name()));
    }

    private ApiResponse createSubscription(ApiRequest request) {
        CustomerAccount account = account(store.accounts(), request);
        Subscription subscription = AccountRequests.subscription(request.jsonBody(), account.currency());
        if (!store.subscriptions().create(request.tenantId(), account.id(), subscription)) {
            throw ApiProblem.conflict("subscription " + subscription.id() + " already exists");
        }
        return ApiResponse.created(SubscriptionView.of(readSubscriptions.standing(new StoredSubscription(account.id(), subscription, 1))));
    }

    private ApiResponse cancelSubscription(ApiRequest request) {
        JsonBody body = request.jsonBody();
        LocalDate effectiveDate = body.requiredDate("effectiveDate");
        body.rejectUnknownFields();
        StoredSubscription cancelled = cancelSubscription.cancel(request.tenantId(), request.pathParameter("id"), effectiveDate);
        return ApiResponse.ok(SubscriptionView.of(readSubscriptions.standing(cancelled)));
    }

    /** A never-billed charge's new pricing; the tiers' fields are named as sent ({@code tiers[1].upTo}). */
    private ApiResponse amendCharge(ApiRequest request) {
        JsonBody body = request.jsonBody();
        BigDecimal price = body.decimal("price").orElse(null);
        List<Tier> tiers = body.objects("tiers", RequestLimits.MAX_TIERS_PER_CHARGE).stream().map(tier -> {
            Tier read = new Tier(tier.decimal("upTo").orElse(null), tier.requiredDecimal("unitPrice"));
            tier.rejectUnknownFields();
            return read;
        }).toList();
        BigDecimal quantity = body.decimal("quantity").orElse(null);
        body.rejectUnknownFields();
        StoredSubscription amended = amendCharge.amend(request.tenantId(), request.pathParameter("id"),
                request.pathParameter("chargeId"), AmendCharge.Pricing.of(price, tiers, quantity), request.caller().email());
        return ApiResponse.ok(SubscriptionView.of(readSubscriptions.standing(amended)));
    }

    /** Of the caller's tenant only: another tenant's id is simply not found. */
    private ApiResponse subscription(ApiRequest request) {
        String id = request.pathParameter("id");
        return ApiResponse.ok(SubscriptionView.of(readSubscriptions.find(request.tenantId(), id)));
    }

    private ApiResponse recordUsage(ApiRequest request) {
        CustomerAccount account = account(store.accounts(), request);
        List<UsageInput> records = request.jsonBodies(RequestLimits.MAX_USAGE_RECORDS_PER_REQUEST)
                .stream().map(AccountRoutes::usage).toList();
        recordUsage.record(request.tenantId(), account.id(), records);
        return ApiResponse.created(new UsageRecorded(records.stream().map(r -> UsageView.of(r.id(), r.usage())).toList()));
    }

    private static UsageInput usage(JsonBody body) {
        String id = body.string("id").map(value -> Ids.require(value, body.path("id"))).orElseGet(Ids::newId);
        String subscriptionId = Ids.require(body.requiredString("subscriptionId"), body.path("subscriptionId"));
        String chargeId = Ids.require(body.requiredString("chargeId"), body.path("chargeId"));
        UsageRecord usage = new UsageRecord(subscriptionId, chargeId, body.requiredDate("date"), body.requiredDecimal("quantity"));
        body.rejectUnknownFields();
        return new UsageInput(id, usage, body.path(""));
    }
}

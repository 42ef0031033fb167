package com.billrun.functions.api;

import com.billrun.core.Payment;
import com.billrun.functions.api.Views.PaymentView;
import com.billrun.store.BillrunStore;
import com.billrun.store.PaymentRepository;
import com.billrun.usecases.accounts.ReceivePayment;
import java.time.Clock;

/** An account's payments: receive one (applied by billing-core), and the history (infra/openapi.yaml). */
final class PaymentRoutes {

    private final BillrunStore store;
    private final PaymentRepository payments;
    private final ReceivePayment receivePayment;

    PaymentRoutes(BillrunStore store, Clock clock) {
        this.store = store;
        this.payments = new PaymentRepository(store.table());
        this.receivePayment = new ReceivePayment(store.accounts(), store.invoices(), payments, clock);
    }

    void addTo(Routes routes) {
        routes.add("POST", "/accounts/{id}/payments", Caller.WRITE, this::receive)
                .add("GET", "/accounts/{id}/payments", Caller.READ, request -> ApiResponse.ok(Listing.of(request,
                        (cursor, limit) -> payments.ofAccount(request.tenantId(),
                                AccountRoutes.account(store.accounts(), request).id(), cursor, limit),
                        PaymentView::of)));
    }

    private ApiResponse receive(ApiRequest request) {
        String accountId = AccountRoutes.account(store.accounts(), request).id();
        JsonBody body = request.jsonBody();
        Payment payment = new Payment(body.requiredDecimal("amount"), body.requiredDate("date"),
                body.string("invoiceId").map(id -> Ids.require(id, "invoiceId")).orElse(null));
        body.rejectUnknownFields();
        ReceivePayment.Receipt receipt = receivePayment.receive(request.tenantId(), accountId, payment, request.caller().email());
        return ApiResponse.created(PaymentView.of(receipt.payment(), receipt.accountStatus()));
    }
}

package com.billrun.functions;

import com.billrun.core.BillingPeriod;
import com.billrun.core.BillingTiming;
import com.billrun.core.Charge;
import com.billrun.core.ChargeType;
import com.billrun.core.PricingModel;
import com.billrun.core.Subscription;
import com.billrun.store.AccountBuilder;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunOptions;
import com.billrun.store.BillrunStore;
import com.billrun.store.CustomerAccount;
import com.billrun.store.RunOptionsBuilder;
import com.billrun.usecases.billrun.CompleteBillRun;
import com.billrun.usecases.billrun.CreateBillRun;
import com.billrun.usecases.billrun.ExecutionStarter;
import com.billrun.usecases.billrun.InvoiceBatch;
import com.billrun.usecases.billrun.PrepareBillRun;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Seeds a fresh tenant and generates a run the way the bill-run state machine would (Create, Prepare, every
 * batch, Complete: the real use cases and engine), without the state machine, so post and notify can be tested
 * on their own.
 */
record Tenants(BillrunStore store, String tenantId) {

    static final LocalDate DECEMBER_1 = LocalDate.of(2026, 12, 1);
    static final String INITIATOR = "finance@acme.example";

    static Tenants fresh(LocalBillrun local, String prefix) {
        return new Tenants(local.store(), prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** An account billed a flat monthly {@code price} in advance from December 1st (bill cycle day 1). */
    CustomerAccount monthly(String accountId, String currency, String price) {
        CustomerAccount account = AccountBuilder.account(accountId).currency(currency).build();
        store.accounts().create(tenantId, account);
        store.subscriptions().create(tenantId, accountId, new Subscription("S-" + accountId, DECEMBER_1, null,
                List.of(plan(price, BigDecimal.ONE))));
        return account;
    }

    /** An account whose only subscription has a negative quantity: the engine refuses it, the run goes on. */
    void broken(String accountId) {
        store.accounts().create(tenantId, AccountBuilder.account(accountId).name("Broken " + accountId)
                .billToEmail("broken@customer.example").build());
        store.subscriptions().create(tenantId, accountId, new Subscription("S-" + accountId, DECEMBER_1, null,
                List.of(plan("10.00", new BigDecimal("-1")))));
    }

    BillRun completedRun(BillRunOptions options) {
        BillRun run = created(options);
        for (String batchId : new PrepareBillRun(store, 500).prepare(tenantId, run.id())) {
            new InvoiceBatch(store).invoice(tenantId, run.id(), batchId, () -> { });
        }
        new CompleteBillRun(store).complete(tenantId, run.id());
        return store.billRuns().get(tenantId, run.id());
    }

    /** A run Prepare has started (PROCESSING), as it is when the generate side fails. */
    BillRun processingRun() {
        BillRun run = created(BillRunOptions.allAccounts(DECEMBER_1));
        new PrepareBillRun(store, 500).prepare(tenantId, run.id());
        return store.billRuns().get(tenantId, run.id());
    }

    private BillRun created(BillRunOptions options) {
        ExecutionStarter noStateMachine = (tenant, run) -> ExecutionStarter.Started.STARTED;
        return new CreateBillRun(store.billRuns(), noStateMachine, Clock.systemUTC()).create(tenantId, options, INITIATOR);
    }

    BillRun completedRun() {
        return completedRun(BillRunOptions.allAccounts(DECEMBER_1));
    }

    static BillRunOptions emailing(boolean skipZero) {
        return RunOptionsBuilder.on(DECEMBER_1).autoEmail().noEmailForZeroAmountInvoice(skipZero).build();
    }

    static String task(String tenantId, String billRunId) {
        return "{\"tenantId\":\"%s\",\"billRunId\":\"%s\"}".formatted(tenantId, billRunId);
    }

    private static Charge plan(String price, BigDecimal quantity) {
        return new Charge("plan", "Monthly plan", ChargeType.RECURRING, PricingModel.FLAT_FEE, new BigDecimal(price), null,
                quantity, BillingPeriod.MONTH, BillingTiming.IN_ADVANCE, null, null, false, null);
    }
}

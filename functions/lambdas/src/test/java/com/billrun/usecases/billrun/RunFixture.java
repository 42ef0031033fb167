package com.billrun.usecases.billrun;

import com.billrun.core.AccountStatus;
import com.billrun.core.BillingPeriod;
import com.billrun.core.BillingTiming;
import com.billrun.core.Charge;
import com.billrun.core.ChargeType;
import com.billrun.core.PricingModel;
import com.billrun.core.Subscription;
import com.billrun.functions.LocalBillrun;
import com.billrun.store.AccountBuilder;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunOptions;
import com.billrun.store.BillrunStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A fresh tenant on the shared local table, and the generate steps as the state machine runs them (Create,
 * Prepare, each batch, Complete) called directly. Accounts pay a flat monthly fee in advance from December 1st.
 */
public final class RunFixture {

    public static final LocalDate DECEMBER_1 = LocalDate.of(2026, 12, 1);
    static final String FINANCE = "finance@acme.example";

    public final BillrunStore store = LocalBillrun.get().store();
    public final String tenantId = "uc-" + UUID.randomUUID().toString().substring(0, 8);

    public void account(String id, String currency, int billCycleDay, String batch, AccountStatus status, String price) {
        store.accounts().create(tenantId, AccountBuilder.account(id).currency(currency).billCycleDay(billCycleDay)
                .batch(batch).status(status).build());
        store.subscriptions().create(tenantId, id, new Subscription("S-" + id, DECEMBER_1, null, List.of(new Charge("plan",
                "Monthly plan", ChargeType.RECURRING, PricingModel.FLAT_FEE, new BigDecimal(price), null, null,
                BillingPeriod.MONTH, BillingTiming.IN_ADVANCE, null, null, true, null))));
    }

    public void monthly(String id, String price) {
        monthly(id, "USD", price);
    }

    public void monthly(String id, String currency, String price) {
        account(id, currency, 1, "Batch1", AccountStatus.ACTIVE, price);
    }

    public long version(String accountId) {
        return store.subscriptions().find(tenantId, accountId, "S-" + accountId).orElseThrow().version();
    }

    BillRun created(BillRunOptions options) {
        ExecutionStarter noStateMachine = (tenant, run) -> ExecutionStarter.Started.STARTED;
        return new CreateBillRun(store.billRuns(), noStateMachine, Clock.systemUTC()).create(tenantId, options, FINANCE);
    }

    List<String> prepare(BillRun run, int batchSize) {
        return new PrepareBillRun(store, batchSize).prepare(tenantId, run.id());
    }

    /** Create → Prepare: PROCESSING, its batches waiting for the worker (500 accounts a batch). */
    public BillRun processing() {
        BillRun run = created(BillRunOptions.allAccounts(DECEMBER_1));
        prepare(run, 500);
        return run;
    }

    public BillRun complete(BillRun run) {
        new CompleteBillRun(store).complete(tenantId, run.id());
        return store.billRuns().get(tenantId, run.id());
    }

    /** Create → Prepare → every batch → Complete. */
    BillRun generated(BillRunOptions options) {
        BillRun run = created(options);
        for (String batchId : prepare(run, 500)) {
            new InvoiceBatch(store).invoice(tenantId, run.id(), batchId, () -> { });
        }
        return complete(run);
    }

    BillRun generated() {
        return generated(BillRunOptions.allAccounts(DECEMBER_1));
    }

    List<String> selected(BillRun run) {
        return store.batches().all(tenantId, run.id()).stream().flatMap(batch -> batch.accountIds().stream()).toList();
    }
}

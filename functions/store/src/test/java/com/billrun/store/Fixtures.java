package com.billrun.store;

import com.billrun.core.BillingPeriod;
import com.billrun.core.BillingTiming;
import com.billrun.core.Charge;
import com.billrun.core.ChargeType;
import com.billrun.core.PricingModel;
import com.billrun.core.Subscription;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Accounts and subscriptions as the tests need them: a flat monthly fee billed in advance. */
final class Fixtures {

    private Fixtures() {
    }

    static CustomerAccount account(String id, String currency, int billCycleDay, String batch) {
        return AccountBuilder.account(id).billToEmail(id + "@example.com").currency(currency).billCycleDay(billCycleDay)
                .batch(batch).build();
    }

    static CustomerAccount closed(CustomerAccount account) {
        return AccountBuilder.from(account).closed().build();
    }

    /** A run as the invoice worker finds it: PROCESSING. */
    static void processingRun(BillrunStore store, String tenantId, String billRunId) {
        store.billRuns().create(BillRun.pending(tenantId, billRunId, BillRunOptions.allAccounts(LocalDate.of(2026, 1, 1)),
                "finance@example.com", Instant.parse("2026-01-01T00:00:00Z")));
        store.billRuns().transition(tenantId, billRunId, Set.of(BillRunStatus.PENDING), BillRunStatus.PROCESSING,
                RunChange.none());
    }

    /**
     * A draft written straight to the table as the invoice worker writes an account recorded alone: with the GSI2 key
     * of its run's layout and, for a run that posts by post group, in a post group of its own (PostGroups).
     */
    static void putDraft(BillrunStore store, StoredInvoice draft) {
        RunLayouts.Layout layout = new RunLayouts(store.table()).layout(draft.tenantId(), draft.billRunId());
        if (!layout.grouped()) {
            store.table().put(InvoiceMapper.toItem(draft, layout.shards()));
            return;
        }
        store.table().put(InvoiceMapper.toItem(draft, layout.shards(), new InvoiceMapper.GroupSeat(draft.id(), 0)));
        store.table().put(PostGroups.item(draft.tenantId(), draft.billRunId(), draft.id(), List.of(draft.id())));
    }

    static Subscription monthly(String id, String price, LocalDate start) {
        return new Subscription(id, start, null, List.of(new Charge("c-" + id, "Plan", ChargeType.RECURRING,
                PricingModel.FLAT_FEE, new BigDecimal(price), null, null, BillingPeriod.MONTH, BillingTiming.IN_ADVANCE,
                null, null, true, null)));
    }
}

package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.billrun.core.BillingPeriod;
import com.billrun.core.BillingRequest;
import com.billrun.core.BillingResult;
import com.billrun.core.BillingTiming;
import com.billrun.core.Charge;
import com.billrun.core.ChargeType;
import com.billrun.core.Invoice;
import com.billrun.core.InvoiceGenerator;
import com.billrun.core.InvoiceStatus;
import com.billrun.core.PricingModel;
import com.billrun.core.Subscription;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

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

    /**
     * A billable account ({@code USD}, bill cycle day 1) with one subscription {@code s-{accountId}} at {@code price} a
     * month from {@code start}, read back as the invoice worker reads it.
     */
    static AccountBillingData billable(BillrunStore store, String tenantId, String accountId, String price,
                                       LocalDate start) {
        store.accounts().create(tenantId, account(accountId, "USD", 1, "Batch1"));
        store.subscriptions().create(tenantId, accountId, monthly("s-" + accountId, price, start));
        return store.accounts().billingData(tenantId, accountId).orElseThrow();
    }

    /** The account billed by the engine at {@code targetDate} as the worker bills it: its draft and INVOICED outcome. */
    static AccountBillingWriter.AccountRecord billed(String tenantId, String billRunId, AccountBillingData read,
                                                     LocalDate targetDate) {
        String accountId = read.account().id();
        BillingResult result = InvoiceGenerator.generate(BillingRequest.of(InvoiceIds.of(billRunId, accountId),
                read.account().billing(), read.engineSubscriptions(), read.usage(), targetDate));
        Invoice invoice = result.invoice().orElseThrow();
        RunAccount outcome = RunAccount.invoiced(accountId, invoice.id(), invoice.currency(), invoice.total(), 0,
                result.chargedThroughDates());
        return new AccountBillingWriter.AccountRecord(outcome, StoredInvoice.draft(tenantId, billRunId, invoice), read,
                List.of());
    }

    /**
     * Each account's draft of {@code total(i)} in USD, without lines, dated {@code invoiceDate}, and its INVOICED
     * outcome without moves: what posting needs of a run.
     */
    static List<AccountBillingWriter.AccountRecord> drafts(String tenantId, String billRunId, List<String> accountIds,
                                                           IntFunction<BigDecimal> total, LocalDate invoiceDate) {
        List<AccountBillingWriter.AccountRecord> records = new ArrayList<>();
        for (int i = 0; i < accountIds.size(); i++) {
            String accountId = accountIds.get(i);
            BigDecimal amount = total.apply(i);
            Invoice invoice = new Invoice(InvoiceIds.of(billRunId, accountId), accountId, "USD", InvoiceStatus.DRAFT,
                    invoiceDate, invoiceDate.plusDays(30), List.of(), amount, BigDecimal.ZERO.setScale(2), amount);
            records.add(new AccountBillingWriter.AccountRecord(RunAccount.invoiced(accountId, invoice.id(), "USD",
                    amount, 0, List.of()), StoredInvoice.draft(tenantId, billRunId, invoice), null, List.of()));
        }
        return records;
    }

    /** Records them as the worker does, 20 accounts to a transaction, each transaction written whole. */
    static void recordTogether(BillrunStore store, String tenantId, String billRunId,
                               List<AccountBillingWriter.AccountRecord> records) {
        for (int from = 0; from < records.size(); from += 20) {
            assertEquals(List.of(), store.billingWriter().recordTogether(tenantId, billRunId,
                    records.subList(from, Math.min(records.size(), from + 20))));
        }
    }

    static Subscription monthly(String id, String price, LocalDate start) {
        return new Subscription(id, start, null, List.of(new Charge("c-" + id, "Plan", ChargeType.RECURRING,
                PricingModel.FLAT_FEE, new BigDecimal(price), null, null, BillingPeriod.MONTH, BillingTiming.IN_ADVANCE,
                null, null, true, null)));
    }
}

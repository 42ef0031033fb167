package com.billrun.usecases.billrun;

import com.billrun.core.BillingDataException;
import com.billrun.core.BillingResult;
import com.billrun.core.InvoiceGenerator;
import com.billrun.core.SubscriptionFailure;
import com.billrun.core.TenantSettings;
import com.billrun.store.AccountBillingData;
import com.billrun.store.AccountBillingWriter.AccountRecord;
import com.billrun.store.AccountBillingWriter;
import com.billrun.store.AccountOutcome;
import com.billrun.store.AccountRepository;
import com.billrun.store.BillRun;
import com.billrun.store.BillingFailure;
import com.billrun.store.RunAccount;
import com.billrun.store.RunAccountRepository;
import com.billrun.store.StoredInvoice;
import com.billrun.store.TransientStoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Bills one account of a run: read it, run the engine, record the result in one conditional transaction
 * ({@link AccountBillingWriter#record}).
 *
 * <ul>
 *   <li>Already recorded by this run (a duplicate delivery, a worker that died after writing): the recorded outcome
 *       is returned, nothing is written twice.</li>
 *   <li>A subscription changed under us (another run billed it concurrently, the API cancelled it): read again and
 *       bill again; the other run's charged-through dates now say what is already billed, so each period is billed
 *       exactly once, by whichever run committed first.</li>
 *   <li>Invalid account data: the account is recorded FAILED with the field and reason, nothing billed; invalid
 *       subscriptions are recorded as failures and the account's other subscriptions are billed.</li>
 * </ul>
 */
final class InvoiceAccount {

    /** Re-reads after a lost race; more than a few means the account is being rewritten continuously. */
    static final int ATTEMPTS = 5;

    private final AccountRepository accounts;
    private final RunAccountRepository runAccounts;
    private final AccountBillingWriter writer;

    InvoiceAccount(AccountRepository accounts, RunAccountRepository runAccounts, AccountBillingWriter writer) {
        this.accounts = accounts;
        this.runAccounts = runAccounts;
        this.writer = writer;
    }

    /** @throws TransientStoreException when the table cannot be reached (the batch is delivered again) */
    RunAccount bill(BillRun run, TenantSettings settings, String accountId) {
        try {
            return billWithRetries(run, settings, accountId);
        } catch (TransientStoreException retryTheBatch) {
            throw retryTheBatch;
        } catch (BillingDataException invalid) {
            return recordFailure(run, accountId, invalid);
        } catch (RuntimeException unexpected) {
            // One account the code cannot handle (unreadable stored data, an invoice too large for an item) must not
            // fail the run of every other account: it is recorded like invalid data, for someone to look at.
            return recordFailure(run, accountId, new BillingDataException("account", "could not be billed: " + unexpected));
        }
    }

    private RunAccount billWithRetries(BillRun run, TenantSettings settings, String accountId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<RunAccount> recorded = attempt(run, settings, accountId);
            if (recorded.isPresent()) {
                return recorded.get();
            }
            backOff(attempt);
        }
        throw new TransientStoreException("account " + accountId + " kept changing while being billed", null);
    }

    /** Two writers racing on one account: let the other one finish before reading again (jittered). */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 20L << attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while billing", interrupted);
        }
    }

    /**
     * The recorded outcome, or empty when a subscription changed since it was read.
     *
     * @throws BillingDataException when the account's own data is invalid
     */
    private Optional<RunAccount> attempt(BillRun run, TenantSettings settings, String accountId) {
        AccountRecord record = generate(run, settings, accountId);
        return switch (writer.record(run.tenantId(), run.id(), record.outcome(), record.invoice(), record.read(),
                record.failures())) {
            case WRITTEN -> Optional.of(record.outcome());
            case ALREADY_RECORDED -> runAccounts.find(run.tenantId(), run.id(), accountId);
            case STALE -> Optional.empty();
        };
    }

    /**
     * Bills several accounts, recorded together in as few transactions as hold them
     * ({@link AccountBillingWriter#recordTogether}); an account that is not plain sailing (invalid data, a
     * transaction refused for any reason) is billed on its own by {@link #bill}, which handles each case.
     *
     * @return the outcomes, in the order of {@code accountIds}
     * @throws TransientStoreException when the table cannot be reached (the batch is delivered again)
     */
    List<RunAccount> billTogether(BillRun run, TenantSettings settings, List<String> accountIds) {
        List<AccountRecord> generated = new ArrayList<>();
        for (String accountId : accountIds) {
            try {
                generated.add(generate(run, settings, accountId));
            } catch (TransientStoreException retryTheBatch) {
                throw retryTheBatch;
            } catch (RuntimeException billedAlone) {
                // Recorded as a failure by bill(), with the same reason as when it is billed alone.
            }
        }
        List<AccountRecord> notWritten = writer.recordTogether(run.tenantId(), run.id(), generated);
        Map<String, RunAccount> written = generated.stream().filter(record -> !notWritten.contains(record))
                .collect(Collectors.toMap(record -> record.outcome().accountId(), AccountRecord::outcome));
        return accountIds.stream().map(accountId -> written.containsKey(accountId)
                ? written.get(accountId) : bill(run, settings, accountId)).toList();
    }

    /**
     * Reads the account and runs the engine: what {@link AccountBillingWriter} records for it.
     *
     * @throws BillingDataException when the account's own data is invalid
     */
    private AccountRecord generate(BillRun run, TenantSettings settings, String accountId) {
        AccountBillingData read = accounts.billingData(run.tenantId(), accountId)
                .orElseThrow(() -> new BillingDataException("account", "does not exist"));
        BillingResult result = InvoiceGenerator.generate(AccountBillingRequest.ofRun(run, read, settings));
        RunAccount outcome = outcome(accountId, result);
        StoredInvoice invoice = result.invoice().map(draft -> StoredInvoice.draft(run.tenantId(), run.id(), draft)).orElse(null);
        List<BillingFailure> failures = result.failures().stream().map(f -> failure(accountId, f)).toList();
        return new AccountRecord(outcome, invoice, read, failures);
    }

    private static RunAccount outcome(String accountId, BillingResult result) {
        int failedSubscriptions = result.failures().size();
        return result.invoice()
                .map(invoice -> RunAccount.invoiced(accountId, invoice.id(), invoice.currency(), invoice.total(),
                        failedSubscriptions, result.chargedThroughDates()))
                .orElseGet(() -> RunAccount.nothingToBill(accountId, failedSubscriptions, result.chargedThroughDates()));
    }

    private RunAccount recordFailure(BillRun run, String accountId, BillingDataException invalid) {
        RunAccount failed = RunAccount.failed(accountId);
        BillingFailure failure = new BillingFailure(accountId, null, invalid.field(), invalid.reason());
        return switch (writer.record(run.tenantId(), run.id(), failed, null, null, List.of(failure))) {
            case WRITTEN, STALE -> failed;
            case ALREADY_RECORDED -> runAccounts.find(run.tenantId(), run.id(), accountId).orElse(failed);
        };
    }

    private static BillingFailure failure(String accountId, SubscriptionFailure failure) {
        return new BillingFailure(accountId, failure.subscriptionId(), failure.field(), failure.reason());
    }
}

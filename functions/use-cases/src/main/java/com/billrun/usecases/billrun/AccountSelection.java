package com.billrun.usecases.billrun;

import com.billrun.store.AccountRepository;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunOptions;
import com.billrun.store.CustomerAccount;
import com.billrun.store.RunAccountRepository;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which accounts a run bills (docs/ARCHITECTURE.md Prepare): the filters given, combined with AND, over billable accounts
 * only (ACTIVE and PAST_DUE; see {@link com.billrun.core.AccountStatus}).
 * <ul>
 *   <li>{@code accountIds}: those accounts, in the order given, duplicates and unknown ids dropped;</li>
 *   <li>else {@code batches}: the accounts of any of those batches;</li>
 *   <li>{@code billCycleDay}: only accounts with that bill cycle day;</li>
 *   <li>nothing: every billable account of the tenant.</li>
 * </ul>
 * A run that retries another's failures ({@code retryOf}) selects instead the accounts that failed in that run
 * (the whole account or one of its subscriptions), those still billable, whatever the run's filters: the failed
 * accounts were inside them when the first run selected them, and fixing an account may have changed, say, its
 * bill cycle day.
 */
final class AccountSelection {

    private final AccountRepository accounts;
    private final RunAccountRepository runAccounts;

    AccountSelection(AccountRepository accounts, RunAccountRepository runAccounts) {
        this.accounts = accounts;
        this.runAccounts = runAccounts;
    }

    List<String> select(String tenantId, BillRun run) {
        if (run.retryOf() != null) {
            List<String> failed = runAccounts.failedAccountIds(tenantId, run.retryOf());
            Set<String> billable = new LinkedHashSet<>();
            billable.addAll(accounts.billableAmong(tenantId, failed, Set.of()));
            return List.copyOf(orderedAs(new LinkedHashSet<>(failed), billable));
        }
        return select(tenantId, run.options());
    }

    List<String> select(String tenantId, BillRunOptions options) {
        Set<String> selected = candidates(tenantId, options);
        if (options.billCycleDay() != null) {
            selected.retainAll(Set.copyOf(accounts.billableIdsWithBillCycleDay(tenantId, options.billCycleDay())));
        }
        return List.copyOf(selected);
    }

    private Set<String> candidates(String tenantId, BillRunOptions options) {
        Set<String> ids = new LinkedHashSet<>();
        if (!options.accountIds().isEmpty()) {
            Set<String> wanted = new LinkedHashSet<>(options.accountIds());
            Set<String> batches = Set.copyOf(options.batches());
            ids.addAll(accounts.billableAmong(tenantId, List.copyOf(wanted), batches));
            return orderedAs(wanted, ids);
        }
        if (!options.batches().isEmpty()) {
            options.batches().forEach(batch -> ids.addAll(accounts.billableIdsInBatch(tenantId, batch)));
            return ids;
        }
        if (options.billCycleDay() != null) {
            ids.addAll(accounts.billableIdsWithBillCycleDay(tenantId, options.billCycleDay()));
            return ids;
        }
        ids.addAll(accounts.billableIds(tenantId));
        return ids;
    }

    private static Set<String> orderedAs(Set<String> order, Set<String> found) {
        Set<String> ordered = new LinkedHashSet<>();
        order.stream().filter(found::contains).forEach(ordered::add);
        return ordered;
    }
}

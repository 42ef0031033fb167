package com.billrun.usecases.accounts;

import com.billrun.core.AccountStatus;
import com.billrun.core.InvoiceBalance;
import com.billrun.store.CustomerAccount;
import com.billrun.store.InvoiceRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;

/**
 * How an account stands today (RULES.md, Account status): PAST_DUE while a posted invoice is owed after its due
 * date, else ACTIVE; derived on every read, never stored, so a payment or the calendar changes it without a write.
 * A CLOSED account stays CLOSED. "Today" is the UTC date: accounts carry no time zone yet.
 */
public final class AccountStanding {

    private final InvoiceRepository invoices;
    private final Clock clock;

    public AccountStanding(InvoiceRepository invoices, Clock clock) {
        this.invoices = invoices;
        this.clock = clock;
    }

    public String statusOf(String tenantId, CustomerAccount account) {
        if (!account.status().billable()) {
            return account.status().name();
        }
        return of(account, invoices.postedBalances(tenantId, account.id()), today());
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    static String of(CustomerAccount account, Collection<InvoiceBalance> posted, LocalDate today) {
        return account.status().billable() ? AccountStatus.of(posted, today).name() : account.status().name();
    }
}

package com.billrun.store;

import com.billrun.core.Account;
import com.billrun.core.AccountStatus;
import java.math.BigDecimal;

/**
 * A customer account (infra/openapi.yaml POST /accounts): the engine's billing facts plus who to email, its batch
 * (default {@value #DEFAULT_BATCH}), status and balance (open amount of its posted invoices).
 */
public record CustomerAccount(String id, String name, String billToEmail, String currency, int billCycleDay,
                              String batch, BigDecimal taxRate, Integer paymentTermDays, AccountStatus status,
                              BigDecimal balance) {

    public static final String DEFAULT_BATCH = "Batch1";

    public CustomerAccount {
        batch = batch == null || batch.isBlank() ? DEFAULT_BATCH : batch;
        status = status == null ? AccountStatus.ACTIVE : status;
        balance = balance == null ? BigDecimal.ZERO : balance;
    }

    /** This account with another balance. */
    public CustomerAccount withBalance(BigDecimal balance) {
        return new CustomerAccount(id, name, billToEmail, currency, billCycleDay, batch, taxRate, paymentTermDays, status,
                balance);
    }

    /** What the billing engine needs of this account. */
    public Account billing() {
        return new Account(id, currency, billCycleDay, taxRate, paymentTermDays);
    }
}

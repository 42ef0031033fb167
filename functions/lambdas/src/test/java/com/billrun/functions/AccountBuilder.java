package com.billrun.functions;

import com.billrun.core.AccountStatus;
import com.billrun.store.CustomerAccount;
import java.math.BigDecimal;

/**
 * A {@link CustomerAccount} for a test, named field by field: {@code AccountBuilder.account("A1").batch("Batch2")
 * .closed().build()}. Unset fields are what a new account gets (USD, bill cycle day 1, Batch1, ACTIVE, no balance).
 */
public final class AccountBuilder {

    private final String id;
    private String name;
    private String billToEmail;
    private String currency = "USD";
    private int billCycleDay = 1;
    private String batch = CustomerAccount.DEFAULT_BATCH;
    private BigDecimal taxRate;
    private Integer paymentTermDays;
    private AccountStatus status = AccountStatus.ACTIVE;
    private BigDecimal balance;

    private AccountBuilder(String id) {
        this.id = id;
        this.name = "Customer " + id;
        this.billToEmail = id.toLowerCase() + "@customer.example";
    }

    public static AccountBuilder account(String id) {
        return new AccountBuilder(id);
    }

    /** Every field of {@code account}, to change some. */
    public static AccountBuilder from(CustomerAccount account) {
        AccountBuilder builder = new AccountBuilder(account.id()).name(account.name()).billToEmail(account.billToEmail())
                .currency(account.currency()).billCycleDay(account.billCycleDay()).batch(account.batch())
                .status(account.status());
        builder.taxRate = account.taxRate();
        builder.paymentTermDays = account.paymentTermDays();
        builder.balance = account.balance();
        return builder;
    }

    public AccountBuilder name(String value) {
        name = value;
        return this;
    }

    public AccountBuilder billToEmail(String value) {
        billToEmail = value;
        return this;
    }

    public AccountBuilder currency(String value) {
        currency = value;
        return this;
    }

    public AccountBuilder billCycleDay(int value) {
        billCycleDay = value;
        return this;
    }

    public AccountBuilder batch(String value) {
        batch = value;
        return this;
    }

    public AccountBuilder taxRate(String value) {
        taxRate = new BigDecimal(value);
        return this;
    }

    public AccountBuilder paymentTermDays(int value) {
        paymentTermDays = value;
        return this;
    }

    public AccountBuilder status(AccountStatus value) {
        status = value;
        return this;
    }

    public AccountBuilder closed() {
        return status(AccountStatus.CLOSED);
    }

    public AccountBuilder balance(String value) {
        balance = new BigDecimal(value);
        return this;
    }

    public CustomerAccount build() {
        return new CustomerAccount(id, name, billToEmail, currency, billCycleDay, batch, taxRate, paymentTermDays, status,
                balance);
    }
}

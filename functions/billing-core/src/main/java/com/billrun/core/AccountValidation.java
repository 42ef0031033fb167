package com.billrun.core;

import java.math.RoundingMode;

/** Request-level data (account, dates, settings): invalid here fails the whole account, nothing is computed. */
final class AccountValidation {

    private AccountValidation() {
    }

    /** Validates the request and returns the account's money rules. */
    static Money check(BillingRequest request) {
        Check.present(request.invoiceId(), "invoiceId");
        Check.present(request.targetDate(), "targetDate");
        Account account = Check.present(request.account(), "account");
        int day = account.billCycleDay();
        Check.require(day >= 1 && day <= 31, "account.billCycleDay", "must be between 1 and 31");
        Check.require(account.taxRateOrZero().signum() >= 0, "account.taxRate", "must not be negative");
        Check.require(account.paymentTermDaysOrDefault() >= 0, "account.paymentTermDays", "must not be negative");
        RoundingMode mode = request.settings().roundingMode();
        Check.require(mode == RoundingMode.HALF_UP || mode == RoundingMode.HALF_EVEN, "settings.roundingMode",
                "must be HALF_UP or HALF_EVEN");
        return new Money(account.currency(), CurrencyUnits.minorUnits(account.currency(), "account.currency"), mode);
    }
}

package com.billrun.core;

import java.util.Currency;

/** The minor units of an ISO 4217 currency (functions/billing-core/RULES.md Amounts: JPY 0, USD 2, KWD 3), for engine and API alike. */
public final class CurrencyUnits {

    private CurrencyUnits() {
    }

    /**
     * The currency's number of decimals; unknown codes and pseudo-currencies without minor units (XAU, XXX)
     * are refused naming {@code field}, since no amount can be rounded in them.
     */
    public static int minorUnits(String code, String field) {
        Check.present(code, field);
        try {
            int digits = Currency.getInstance(code).getDefaultFractionDigits();
            Check.require(digits >= 0, field, code + " is not a currency of payment");
            return digits;
        } catch (IllegalArgumentException unknown) {
            throw new BillingDataException(field, "unknown ISO 4217 code " + code);
        }
    }
}

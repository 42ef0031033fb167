package com.billrun.documents;

import com.billrun.core.CurrencyUnits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers as the invoice prints them: amounts at the currency's minor units (JPY 0, USD 2, KWD 3) with
 * thousands separators, unit prices with up to 6 decimals (functions/billing-core/RULES.md), quantities as entered.
 */
final class Amounts {

    private static final int MAX_UNIT_PRICE_SCALE = 6;
    private final int scale;

    Amounts(String currency) {
        this.scale = CurrencyUnits.minorUnits(currency, "currency");
    }

    String amount(BigDecimal value) {
        return format(value, scale);
    }

    /** At least the currency's decimals, more when the price has them (0.0125 USD per call). */
    String unitPrice(BigDecimal value) {
        if (value == null) {
            return "";
        }
        int decimals = Math.max(scale, Math.min(MAX_UNIT_PRICE_SCALE, value.stripTrailingZeros().scale()));
        return format(value, decimals);
    }

    String quantity(BigDecimal value) {
        return value == null ? "" : format(value, Math.max(0, value.stripTrailingZeros().scale()));
    }

    /** "8.875%" */
    static String percent(BigDecimal rate) {
        return rate.stripTrailingZeros().toPlainString() + "%";
    }

    private static String format(BigDecimal value, int decimals) {
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }
}

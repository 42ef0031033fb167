package com.billrun.store;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Invoice totals per currency (ISO 4217 code → sum of invoice totals). Currencies are never added together; the
 * map is sorted by code so emails and API answers list them in a stable order.
 */
public record CurrencyTotals(Map<String, BigDecimal> byCurrency) {

    public static final CurrencyTotals NONE = new CurrencyTotals(Map.of());

    public CurrencyTotals {
        byCurrency = Collections.unmodifiableMap(new TreeMap<>(byCurrency));
    }

    public CurrencyTotals plus(String currency, BigDecimal amount) {
        Map<String, BigDecimal> sum = new TreeMap<>(byCurrency);
        sum.merge(currency, amount, BigDecimal::add);
        return new CurrencyTotals(sum);
    }

    public CurrencyTotals plus(CurrencyTotals other) {
        CurrencyTotals sum = this;
        for (var entry : other.byCurrency.entrySet()) {
            sum = sum.plus(entry.getKey(), entry.getValue());
        }
        return sum;
    }
}

package com.billrun.core;

import java.math.BigDecimal;
import java.util.List;

/**
 * Tax (functions/billing-core/RULES.md Amounts): the account's rate on the subtotal of taxable lines (discounts and credits of
 * taxable charges included), rounded once per invoice rather than per line, so line roundings never add up to
 * a different tax than the invoice shows.
 */
final class TaxRule {

    private TaxRule() {
    }

    static BigDecimal taxOn(List<InvoiceItem> items, BigDecimal ratePercent, Money money) {
        BigDecimal taxable = BigDecimal.ZERO;
        for (InvoiceItem item : items) {
            if (item.taxable()) {
                taxable = taxable.add(item.amount());
            }
        }
        return money.percentOf(taxable, ratePercent);
    }
}

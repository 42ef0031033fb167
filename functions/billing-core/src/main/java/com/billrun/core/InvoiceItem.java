package com.billrun.core;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One invoice line. The service period is inclusive at both ends. {@code unitPrice} is null where no single unit
 * price exists (TIERED, discounts, credits of tiered charges); {@code amount} is already rounded to the
 * currency's minor units: negative for DISCOUNT and CREDIT lines, positive for a discount given back with a credit.
 */
public record InvoiceItem(String subscriptionId, String chargeId, String chargeName, ItemKind kind,
                          LocalDate servicePeriodStart, LocalDate servicePeriodEnd, BigDecimal quantity,
                          BigDecimal unitPrice, BigDecimal amount, boolean taxable) {

    /** The reversal of this line for unused days after a cancellation: a CREDIT, or a discount given back. */
    InvoiceItem reversed() {
        ItemKind reversedKind = kind == ItemKind.DISCOUNT ? ItemKind.DISCOUNT : ItemKind.CREDIT;
        return new InvoiceItem(subscriptionId, chargeId, chargeName, reversedKind, servicePeriodStart,
                servicePeriodEnd, quantity, unitPrice, amount.negate(), taxable);
    }
}

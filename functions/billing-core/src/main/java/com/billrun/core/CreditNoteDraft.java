package com.billrun.core;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a credit note gives back, as {@link CreditNotes#compute} works it out: its lines in invoice order, their
 * sum ({@code subtotal}), the tax given back ({@code taxTotal}) and {@code total} = subtotal + taxTotal, all
 * positive and at the currency's scale. Its number, date and reason are added by the caller when it is issued.
 */
public record CreditNoteDraft(String currency, List<CreditNoteLine> lines, BigDecimal subtotal, BigDecimal taxTotal,
                              BigDecimal total) {

    public CreditNoteDraft {
        lines = List.copyOf(lines);
    }
}

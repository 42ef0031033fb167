package com.billrun.documents;

import com.billrun.core.CreditNoteLine;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the customer's credit note document shows: its number and date, the number of the invoice it credits,
 * bill-to, why it was issued, its lines with their service periods, subtotal, tax and total given back.
 * {@code issuerName} is the billing company's name, omitted when null. Amounts are positive, at the currency's
 * scale, as {@link com.billrun.core.CreditNotes} gives them.
 */
public record PrintedCreditNote(String issuerName, String number, LocalDate date, String invoiceNumber,
                                String accountName, String billToEmail, String currency, String reason,
                                List<CreditNoteLine> lines, BigDecimal subtotal, BigDecimal taxTotal,
                                BigDecimal total) {

    public PrintedCreditNote {
        Objects.requireNonNull(currency, "currency");
        for (BigDecimal amount : new BigDecimal[] {subtotal, taxTotal, total}) {
            Objects.requireNonNull(amount, "subtotal, taxTotal and total are required");
        }
        lines = List.copyOf(lines);
    }
}

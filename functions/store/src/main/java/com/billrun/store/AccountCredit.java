package com.billrun.store;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Credit an account holds (DATA-MODEL.md "Account credit"): the part of a payment no invoice took, or the part of a
 * credit note beyond its invoice's balance. {@code remaining} is what posting may still apply to the account's next
 * invoices; {@code id} is the source's kind and id ({@code PAYMENT-{paymentId}}, {@code CREDIT_NOTE-{creditNoteId}}).
 */
public record AccountCredit(String id, Source source, String sourceId, LocalDate date, BigDecimal amount,
                            BigDecimal remaining) {

    public enum Source { PAYMENT, CREDIT_NOTE }

    public static AccountCredit of(Source source, String sourceId, LocalDate date, BigDecimal amount) {
        return new AccountCredit(source.name() + "-" + sourceId, source, sourceId, date, amount, amount);
    }

    public AccountCredit less(BigDecimal applied) {
        return new AccountCredit(id, source, sourceId, date, amount, remaining.subtract(applied));
    }
}

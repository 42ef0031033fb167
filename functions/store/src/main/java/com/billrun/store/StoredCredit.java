package com.billrun.store;

import com.billrun.core.AccountCredit;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Credit an account holds, as stored (DATA-MODEL.md "Account credit"): the engine's {@link AccountCredit} with its
 * source and original amount. It is the part of a payment no invoice took, the part of a credit note beyond its
 * invoice's balance, or the amount of a credit invoice (negative total, which posts with balance 0).
 * {@code remaining} is what posting may still apply to the account's next invoices; {@code id} is the source's kind
 * and id ({@code PAYMENT-{paymentId}}, {@code CREDIT_NOTE-{creditNoteId}}, {@code CREDIT_INVOICE-{invoiceId}}).
 */
public record StoredCredit(String id, Source source, String sourceId, LocalDate date, BigDecimal amount,
                           BigDecimal remaining) {

    public enum Source { PAYMENT, CREDIT_NOTE, CREDIT_INVOICE }

    public static StoredCredit of(Source source, String sourceId, LocalDate date, BigDecimal amount) {
        return new StoredCredit(source.name() + "-" + sourceId, source, sourceId, date, amount, amount);
    }

    public StoredCredit less(BigDecimal applied) {
        return new StoredCredit(id, source, sourceId, date, amount, remaining.subtract(applied));
    }
}

package com.billrun.store;

import com.billrun.core.CreditNoteLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A credit note as the table keeps it (DATA-MODEL.md): its number (own per-tenant sequence), the invoice it credits,
 * its lines and tax (billing-core's {@code CreditNotes}), and how its total was used: {@code appliedToInvoice}
 * lowered the invoice's balance, {@code toAccountCredit} (what exceeded that balance) became account credit.
 */
public record StoredCreditNote(String tenantId, String id, String number, String accountId, String invoiceId,
                               String invoiceNumber, String billRunId, String currency, LocalDate date, String reason,
                               List<CreditNoteLine> lines, BigDecimal subtotal, BigDecimal taxTotal, BigDecimal total,
                               BigDecimal appliedToInvoice, BigDecimal toAccountCredit, String createdBy,
                               Instant createdAt) {

    public StoredCreditNote {
        lines = List.copyOf(lines);
    }
}

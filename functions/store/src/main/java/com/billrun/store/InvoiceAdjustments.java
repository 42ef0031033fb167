package com.billrun.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What happened to a posted invoice after it was generated (DATA-MODEL.md): when it was posted, the amount credited
 * so far on each line (by line id, see {@code InvoiceLines}) under {@code creditedVersion}, which every credit note
 * conditions on and moves on; the account credit applied to it at posting; and its void, if any.
 */
public record InvoiceAdjustments(Instant postedAt, Map<String, BigDecimal> credited, long creditedVersion,
                                 List<CreditApplied> creditApplications, Voided voided) {

    public static final InvoiceAdjustments NONE = new InvoiceAdjustments(null, Map.of(), 0, List.of(), null);

    /** Account credit {@code creditId} (from a payment, a credit note or a credit invoice) that paid {@code amount} of the invoice. */
    public record CreditApplied(String creditId, StoredCredit.Source source, String sourceId, BigDecimal amount,
                                Instant appliedAt) {
    }

    /** {@code rebilled}: its charged-through moves were rolled back so that the next run bills the periods again. */
    public record Voided(Instant at, String by, String reason, boolean rebilled) {
    }

    public InvoiceAdjustments {
        credited = Map.copyOf(credited);
        creditApplications = List.copyOf(creditApplications);
    }

    public BigDecimal creditedTotal() {
        return credited.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal creditApplied() {
        return creditApplications.stream().map(CreditApplied::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

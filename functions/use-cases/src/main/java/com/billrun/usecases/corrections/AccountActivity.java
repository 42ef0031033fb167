package com.billrun.usecases.corrections;

import com.billrun.core.InvoiceStatus;
import com.billrun.store.ChargeAmendment;
import com.billrun.store.CreditNoteRepository;
import com.billrun.store.InvalidCursorException;
import com.billrun.store.InvoiceAdjustments;
import com.billrun.store.InvoiceRepository;
import com.billrun.store.Page;
import com.billrun.store.PaymentRepository;
import com.billrun.store.RecordedPayment;
import com.billrun.store.StoredCreditNote;
import com.billrun.store.StoredInvoice;
import com.billrun.store.SubscriptionRepository;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;

/**
 * An account's activity ({@code GET /accounts/{id}/activity}), what a customer statement prints: its posted
 * invoices, voids, payments, credit notes and credit applications in date order, each with its effect on the
 * account's balance and the running balance after it. Invoices add their total (a credit invoice's is negative: its
 * amount became account credit), payments, credit notes and voids take theirs off; applying account credit to an invoice moves money between the two and leaves the balance as it
 * is. The last entry's balance is the account's balance. On one date: invoices, then credit applied, payments,
 * credit notes, voids, charge amendments. A charge amendment (a never-billed charge repriced, {@code
 * PUT /subscriptions/{id}/charges/{chargeId}}) changes no balance: it is there as the audit of who changed what
 * a run will bill, with a zero amount. Paged by position in that order: each page reads the account's documents again (an
 * account's documents are few; a statement is read, not polled).
 */
public final class AccountActivity {

    /** What kind of entry; the order of entries on the same date. */
    public enum Kind { INVOICE, CREDIT_APPLIED, PAYMENT, CREDIT_NOTE, VOID, CHARGE_AMENDED }

    /**
     * One line of the statement: {@code amount} the document's (positive), {@code balanceChange} its signed effect,
     * {@code balance} the running balance after it. {@code documentId}/{@code number}: the invoice, payment or
     * credit note; {@code invoiceId}: the invoice it concerns; {@code creditId}: the credit applied.
     */
    public record Entry(LocalDate date, Kind kind, String documentId, String number, String invoiceId, String creditId,
                        String description, BigDecimal amount, BigDecimal balanceChange, BigDecimal balance) {
    }

    private static final int READ_PAGE = 100;
    private static final String CURSOR_PREFIX = "activity:";

    private final InvoiceRepository invoices;
    private final PaymentRepository payments;
    private final CreditNoteRepository creditNotes;
    private final SubscriptionRepository subscriptions;

    public AccountActivity(InvoiceRepository invoices, PaymentRepository payments, CreditNoteRepository creditNotes,
                           SubscriptionRepository subscriptions) {
        this.invoices = invoices;
        this.payments = payments;
        this.creditNotes = creditNotes;
        this.subscriptions = subscriptions;
    }

    public Page<Entry> page(String tenantId, String accountId, String cursor, int limit) {
        int from = offset(cursor);
        List<Entry> all = entries(tenantId, accountId);
        int to = Math.min(all.size(), from + limit);
        List<Entry> page = from >= all.size() ? List.of() : all.subList(from, to);
        return new Page<>(page, to < all.size() ? cursor(to) : null);
    }

    /** Every entry of the account in statement order, with the running balance. */
    public List<Entry> entries(String tenantId, String accountId) {
        List<Unbalanced> entries = new ArrayList<>();
        for (StoredInvoice stored : readAll((cursor, limit) -> invoices.ofAccount(tenantId, accountId, cursor, limit))) {
            InvoiceStatus status = stored.invoice().status();
            if (status != InvoiceStatus.POSTED && status != InvoiceStatus.VOIDED) {
                continue;
            }
            InvoiceAdjustments adjustments = stored.adjustments();
            BigDecimal total = stored.invoice().total();
            // A credit invoice (negative total) takes its amount off the balance: it became account credit.
            String description = total.signum() < 0
                    ? "Credit invoice " + stored.number() + " (to account credit)" : "Invoice " + stored.number();
            entries.add(new Unbalanced(stored.invoice().invoiceDate(), Kind.INVOICE, stored.id(), stored.number(),
                    stored.id(), null, description, total.abs(), total, stored.number()));
            for (InvoiceAdjustments.CreditApplied applied : adjustments.creditApplications()) {
                entries.add(new Unbalanced(date(applied.appliedAt()), Kind.CREDIT_APPLIED, stored.id(), stored.number(),
                        stored.id(), applied.creditId(), "Account credit applied to invoice " + stored.number(),
                        applied.amount(), BigDecimal.ZERO.setScale(applied.amount().scale()), applied.appliedAt().toString()));
            }
            if (status == InvoiceStatus.VOIDED && adjustments.voided() != null) {
                entries.add(new Unbalanced(date(adjustments.voided().at()), Kind.VOID, stored.id(), stored.number(),
                        stored.id(), null, "Invoice " + stored.number() + " voided", total, total.negate(),
                        adjustments.voided().at().toString()));
            }
        }
        for (RecordedPayment payment : readAll((cursor, limit) -> payments.ofAccount(tenantId, accountId, cursor, limit))) {
            entries.add(new Unbalanced(payment.date(), Kind.PAYMENT, payment.id(), null, payment.invoiceId(), null,
                    "Payment", payment.amount(), payment.amount().negate(), payment.recordedAt().toString()));
        }
        for (StoredCreditNote note : creditNotes.allOfAccount(tenantId, accountId)) {
            entries.add(new Unbalanced(note.date(), Kind.CREDIT_NOTE, note.id(), note.number(), note.invoiceId(), null,
                    "Credit note " + note.number() + " for invoice " + note.invoiceNumber(), note.total(),
                    note.total().negate(), note.createdAt().toString()));
        }
        for (ChargeAmendment amended : subscriptions.amendmentsOfAccount(tenantId, accountId)) {
            BigDecimal zero = BigDecimal.ZERO.setScale(amended.scale());
            entries.add(new Unbalanced(date(amended.at()), Kind.CHARGE_AMENDED, amended.subscriptionId(), null, null,
                    null, "Charge " + amended.chargeName() + " (" + amended.chargeId() + ") of subscription "
                    + amended.subscriptionId() + " repriced" + (amended.by() == null ? "" : " by " + amended.by()),
                    zero, zero, amended.at().toString()));
        }
        entries.sort(Comparator.comparing(Unbalanced::date).thenComparing(Unbalanced::kind)
                .thenComparing(Unbalanced::order).thenComparing(Unbalanced::documentId));
        List<Entry> balanced = new ArrayList<>(entries.size());
        BigDecimal balance = BigDecimal.ZERO;
        for (Unbalanced entry : entries) {
            balance = balance.add(entry.balanceChange());
            balanced.add(new Entry(entry.date(), entry.kind(), entry.documentId(), entry.number(), entry.invoiceId(),
                    entry.creditId(), entry.description(), entry.amount(), entry.balanceChange(), balance));
        }
        return balanced;
    }

    private record Unbalanced(LocalDate date, Kind kind, String documentId, String number, String invoiceId,
                              String creditId, String description, BigDecimal amount, BigDecimal balanceChange,
                              String order) {
        Unbalanced {
            order = order == null ? "" : order;
        }
    }

    private static LocalDate date(java.time.Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static <T> List<T> readAll(BiFunction<String, Integer, Page<T>> query) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = query.apply(cursor, READ_PAGE);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private static String cursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith(CURSOR_PREFIX)) {
                throw new InvalidCursorException();
            }
            int offset = Integer.parseInt(text.substring(CURSOR_PREFIX.length()));
            if (offset < 0) {
                throw new InvalidCursorException();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException(e);
        }
    }
}

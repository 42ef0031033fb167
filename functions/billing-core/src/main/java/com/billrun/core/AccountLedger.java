package com.billrun.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The money model of one account after posting (functions/billing-core/RULES.md, Corrections after posting), as
 * immutable operations: every operation returns a new ledger or throws a {@link BillingDataException} naming the
 * field, leaving this one as it was. The store's writes mirror it: property tests hold the invariants here
 * ({@link #balance()} = open invoice balances less unapplied credit, no invoice balance below zero, every amount
 * at the currency's scale, gap-free number sequences).
 *
 * @param balance       what the account owes (negative: the customer is in credit)
 * @param credits       unapplied account credit by source, with something left on each
 * @param applications  every application of credit to an invoice, in order
 */
public record AccountLedger(String currency, int scale, List<Entry> invoices, List<Note> creditNotes,
                            List<AccountCredit> credits, List<CreditAllocation> applications, List<String> payments,
                            BigDecimal balance) {

    /**
     * A posted invoice: {@code number} in the invoice sequence (1, 2, ...), {@code total} as posted, {@code
     * balance} still owed, {@code credited} what credit notes took from it, {@code touched} whether a payment, a
     * credit note or account credit went to it (then it can no longer be voided).
     */
    public record Entry(String id, long number, LocalDate dueDate, BigDecimal total, BigDecimal balance,
                        BigDecimal credited, InvoiceStatus status, boolean touched) {

        InvoiceBalance asBalance() {
            return new InvoiceBalance(id, status, dueDate, dueDate, balance);
        }

        Entry withBalance(BigDecimal newBalance) {
            return new Entry(id, number, dueDate, total, newBalance, credited, status, true);
        }
    }

    /** A credit note: {@code number} in the credit note sequence, the invoice it credits and its total. */
    public record Note(String id, long number, String invoiceId, LocalDate date, BigDecimal amount) {
    }

    public AccountLedger {
        invoices = List.copyOf(invoices);
        creditNotes = List.copyOf(creditNotes);
        credits = List.copyOf(credits);
        applications = List.copyOf(applications);
        payments = List.copyOf(payments);
    }

    /** A new account in {@code currency}: nothing posted, nothing owed. */
    public static AccountLedger open(String currency) {
        int scale = CurrencyUnits.minorUnits(currency, "currency");
        return new AccountLedger(currency, scale, List.of(), List.of(), List.of(), List.of(), List.of(),
                BigDecimal.ZERO.setScale(scale));
    }

    /**
     * Posts an invoice of {@code total} (its number is the next in the sequence). A credit invoice (negative
     * total, e.g. only cancellation credits) owes nothing: its balance is 0 and its amount becomes account credit.
     */
    public AccountLedger post(BigDecimal total, LocalDate dueDate) {
        BigDecimal amount = atScale(total, "total");
        Check.present(dueDate, "dueDate");
        long number = invoices.size() + 1L;
        String id = "inv-" + number;
        List<Entry> newInvoices = with(invoices, new Entry(id, number, dueDate, amount,
                amount.max(zero()), zero(), InvoiceStatus.POSTED, false));
        List<AccountCredit> newCredits = amount.signum() < 0
                ? with(credits, new AccountCredit(id, dueDate, amount.negate()))
                : credits;
        return new AccountLedger(currency, scale, newInvoices, creditNotes, newCredits, applications, payments,
                balance.add(amount));
    }

    /** A payment, to the named invoice or oldest due first ({@link PaymentApplication}); the rest becomes credit. */
    public AccountLedger pay(BigDecimal amount, LocalDate date, String invoiceId) {
        AppliedPayment applied = PaymentApplication.apply(currency, balance,
                invoices.stream().map(Entry::asBalance).toList(), new Payment(amount, date, invoiceId));
        String id = "pay-" + (payments.size() + 1);
        List<Entry> newInvoices = new ArrayList<>(invoices);
        for (PaymentAllocation allocation : applied.allocations()) {
            int index = indexOf(allocation.invoiceId());
            newInvoices.set(index, newInvoices.get(index).withBalance(allocation.newBalance()));
        }
        List<AccountCredit> newCredits = applied.unapplied().signum() > 0
                ? with(credits, new AccountCredit(id, date, applied.unapplied()))
                : credits;
        return new AccountLedger(currency, scale, newInvoices, creditNotes, newCredits, applications,
                with(payments, id), applied.accountBalance());
    }

    /**
     * Voids a posted invoice nothing has touched (no payment, credit note or credit application): VOIDED,
     * balance 0, its number kept. A credit invoice (negative total) is not voided: its credit may be spent.
     */
    public AccountLedger voidInvoice(String invoiceId) {
        Entry invoice = posted(invoiceId);
        Check.require(!invoice.touched(), "invoiceId", "has payments, credit notes or credit applied: issue a credit note instead");
        Check.require(invoice.total().signum() >= 0, "invoiceId", "is a credit invoice: it cannot be voided");
        List<Entry> newInvoices = new ArrayList<>(invoices);
        newInvoices.set(indexOf(invoiceId), new Entry(invoice.id(), invoice.number(), invoice.dueDate(),
                invoice.total(), zero(), invoice.credited(), InvoiceStatus.VOIDED, false));
        return new AccountLedger(currency, scale, newInvoices, creditNotes, credits, applications, payments,
                balance.subtract(invoice.total()));
    }

    /**
     * A credit note of {@code amount} (tax included) on a posted invoice, never more than what is left to credit
     * on it (its total less earlier credit notes). It lowers the invoice's balance; what exceeds the balance (the
     * invoice was paid) becomes account credit.
     */
    public AccountLedger creditNote(String invoiceId, BigDecimal amount, LocalDate date) {
        Entry invoice = posted(invoiceId);
        BigDecimal value = atScale(amount, "amount");
        Check.require(value.signum() > 0, "amount", "must be greater than 0");
        BigDecimal left = invoice.total().subtract(invoice.credited()).max(zero());
        Check.require(value.compareTo(left) <= 0, "amount", "is more than the " + left.toPlainString()
                + " left to credit on the invoice");
        long number = creditNotes.size() + 1L;
        String id = "cn-" + number;
        BigDecimal lowered = value.min(invoice.balance());
        BigDecimal excess = value.subtract(lowered);
        List<Entry> newInvoices = new ArrayList<>(invoices);
        newInvoices.set(indexOf(invoiceId), new Entry(invoice.id(), invoice.number(), invoice.dueDate(),
                invoice.total(), invoice.balance().subtract(lowered), invoice.credited().add(value),
                invoice.status(), true));
        List<AccountCredit> newCredits = excess.signum() > 0 ? with(credits, new AccountCredit(id, date, excess)) : credits;
        return new AccountLedger(currency, scale, newInvoices, with(creditNotes, new Note(id, number, invoiceId, date, value)),
                newCredits, applications, payments, balance.subtract(value));
    }

    /** Applies unapplied credit to every open invoice, oldest due first ({@link CreditApplication}). */
    public AccountLedger applyCredit() {
        return applyCreditTo(invoices);
    }

    /** Applies unapplied credit to one invoice only (posting with {@code applyCreditAutomatically}). */
    public AccountLedger applyCredit(String invoiceId) {
        return applyCreditTo(List.of(posted(invoiceId)));
    }

    private AccountLedger applyCreditTo(List<Entry> targets) {
        List<CreditAllocation> allocations = CreditApplication.apply(credits,
                targets.stream().map(Entry::asBalance).toList());
        if (allocations.isEmpty()) {
            return this;
        }
        Map<String, BigDecimal> fromCredit = new HashMap<>();
        List<Entry> newInvoices = new ArrayList<>(invoices);
        for (CreditAllocation allocation : allocations) {
            fromCredit.merge(allocation.sourceId(), allocation.amount(), BigDecimal::add);
            int index = indexOf(allocation.invoiceId());
            Entry invoice = newInvoices.get(index);
            newInvoices.set(index, invoice.withBalance(invoice.balance().subtract(allocation.amount())));
        }
        List<AccountCredit> newCredits = new ArrayList<>();
        for (AccountCredit credit : credits) {
            BigDecimal left = credit.remaining().subtract(fromCredit.getOrDefault(credit.sourceId(), BigDecimal.ZERO));
            if (left.signum() > 0) {
                newCredits.add(new AccountCredit(credit.sourceId(), credit.date(), left));
            }
        }
        List<CreditAllocation> newApplications = new ArrayList<>(applications);
        newApplications.addAll(allocations);
        return new AccountLedger(currency, scale, newInvoices, creditNotes, newCredits, newApplications, payments, balance);
    }

    /** Unapplied account credit: the sum of what is left of every credit. */
    public BigDecimal unappliedCredit() {
        return credits.stream().map(AccountCredit::remaining).reduce(zero(), BigDecimal::add);
    }

    /** What the open posted invoices still owe. */
    public BigDecimal openBalances() {
        return invoices.stream().filter(invoice -> invoice.status() == InvoiceStatus.POSTED)
                .map(Entry::balance).reduce(zero(), BigDecimal::add);
    }

    public Entry invoice(String invoiceId) {
        return invoices.get(indexOf(invoiceId));
    }

    private Entry posted(String invoiceId) {
        Check.present(invoiceId, "invoiceId");
        Entry invoice = invoices.stream().filter(entry -> entry.id().equals(invoiceId)).findFirst()
                .orElseThrow(() -> new BillingDataException("invoiceId", "is not an invoice of the account"));
        Check.require(invoice.status() == InvoiceStatus.POSTED, "invoiceId",
                "is " + invoice.status() + ": only a posted invoice can be credited, paid or voided");
        return invoice;
    }

    private int indexOf(String invoiceId) {
        for (int i = 0; i < invoices.size(); i++) {
            if (invoices.get(i).id().equals(invoiceId)) {
                return i;
            }
        }
        throw new BillingDataException("invoiceId", "is not an invoice of the account");
    }

    private BigDecimal atScale(BigDecimal amount, String field) {
        Check.present(amount, field);
        Check.amount(amount.abs(), scale, field);
        Check.require(amount.precision() - amount.scale() <= RequestLimits.MAX_INTEGER_DIGITS, field,
                "has more than " + RequestLimits.MAX_INTEGER_DIGITS + " digits before the decimal point");
        return amount.setScale(scale);
    }

    private BigDecimal zero() {
        return BigDecimal.ZERO.setScale(scale);
    }

    private static <T> List<T> with(List<T> list, T element) {
        List<T> copy = new ArrayList<>(list);
        copy.add(element);
        return copy;
    }
}

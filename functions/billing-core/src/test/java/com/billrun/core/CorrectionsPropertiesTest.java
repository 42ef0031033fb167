package com.billrun.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Corrections after posting (functions/billing-core/RULES.md) over random histories: the {@link AccountLedger}
 * invariants after every operation of a random sequence of posts, payments, voids, credit notes and credit
 * applications, and {@link CreditNotes}' tax over random successive partial credits.
 */
class CorrectionsPropertiesTest {

    private static final List<String> CURRENCIES = List.of("USD", "JPY", "KWD");
    private static final LocalDate DAY_ONE = LocalDate.parse("2024-01-01");

    /** One step of an account's history; invoices are picked by position among those posted so far. */
    sealed interface Op {
    }

    record Post(long minorUnits, int dueInDays) implements Op {
    }

    record Pay(long minorUnits, int invoice, boolean named) implements Op {
    }

    record Void(int invoice) implements Op {
    }

    record CreditNote(int invoice, int percentOfTotal, long minorUnits) implements Op {
    }

    record ApplyCredit(int invoice, boolean all) implements Op {
    }

    record History(String currency, List<Op> ops) {
    }

    @Provide
    Arbitrary<History> histories() {
        return Arbitraries.randomValue(CorrectionsPropertiesTest::history);
    }

    static History history(Random random) {
        String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
        List<Op> ops = new ArrayList<>();
        int length = 1 + random.nextInt(40);
        for (int i = 0; i < length; i++) {
            ops.add(switch (random.nextInt(6)) {
                case 0, 1 -> new Post(random.nextInt(10) == 0 ? -random.nextInt(5_000) : random.nextInt(100_000),
                        random.nextInt(60));
                case 2 -> new Pay(1 + random.nextInt(120_000), random.nextInt(8), random.nextBoolean());
                case 3 -> new Void(random.nextInt(8));
                case 4 -> new CreditNote(random.nextInt(8), random.nextInt(4) == 0 ? 100 : random.nextInt(120),
                        1 + random.nextInt(50_000));
                default -> new ApplyCredit(random.nextInt(8), random.nextBoolean());
            });
        }
        return new History(currency, ops);
    }

    @Property(tries = 500)
    void everyOperationKeepsTheLedgerBalanced(@ForAll("histories") History history) {
        AccountLedger ledger = AccountLedger.open(history.currency());
        int day = 0;
        for (Op op : history.ops()) {
            LocalDate today = DAY_ONE.plusDays(day++);
            AccountLedger before = ledger;
            try {
                ledger = apply(ledger, op, today);
                Statistics.label("outcome").collect(op.getClass().getSimpleName() + " done");
            } catch (BillingDataException refused) {
                Statistics.label("outcome").collect(op.getClass().getSimpleName() + " refused (" + refused.field() + ")");
                ledger = before;
            }
            assertInvariants(ledger, op);
        }
        Statistics.label("outcome").coverage(coverage -> {
            for (String done : List.of("Post", "Pay", "Void", "CreditNote", "ApplyCredit")) {
                coverage.check(done + " done").count(count -> count > 20);
            }
        });
    }

    private static AccountLedger apply(AccountLedger ledger, Op op, LocalDate today) {
        return switch (op) {
            case Post post -> ledger.post(minor(post.minorUnits(), ledger.scale()), today.plusDays(post.dueInDays()));
            case Pay pay -> ledger.pay(minor(pay.minorUnits(), ledger.scale()), today,
                    pay.named() ? invoiceId(ledger, pay.invoice()) : null);
            case Void v -> ledger.voidInvoice(invoiceId(ledger, v.invoice()));
            case CreditNote note -> {
                String id = invoiceId(ledger, note.invoice());
                BigDecimal amount = note.percentOfTotal() == 100 && id != null && ledger.invoice(id).total().signum() > 0
                        ? ledger.invoice(id).total().subtract(ledger.invoice(id).credited())
                        : minor(note.minorUnits(), ledger.scale());
                yield ledger.creditNote(id, amount, today);
            }
            case ApplyCredit apply -> apply.all() ? ledger.applyCredit() : ledger.applyCredit(invoiceId(ledger, apply.invoice()));
        };
    }

    private static String invoiceId(AccountLedger ledger, int position) {
        return ledger.invoices().isEmpty() ? "inv-none" : ledger.invoices().get(position % ledger.invoices().size()).id();
    }

    private static BigDecimal minor(long units, int scale) {
        return BigDecimal.valueOf(units, scale);
    }

    private static void assertInvariants(AccountLedger ledger, Op after) {
        String context = "after " + after + ": " + ledger;
        int scale = ledger.scale();
        assertEquals(ledger.openBalances().subtract(ledger.unappliedCredit()), ledger.balance(),
                "account balance = open invoice balances - unapplied credit, " + context);
        List<BigDecimal> amounts = new ArrayList<>(List.of(ledger.balance()));
        for (int i = 0; i < ledger.invoices().size(); i++) {
            AccountLedger.Entry invoice = ledger.invoices().get(i);
            assertEquals(i + 1, invoice.number(), "invoice numbers are gap-free, " + context);
            assertTrue(invoice.balance().signum() >= 0, "no invoice balance below zero, " + context);
            assertTrue(invoice.balance().compareTo(invoice.total().max(BigDecimal.ZERO)) <= 0, context);
            assertTrue(invoice.credited().compareTo(invoice.total().max(BigDecimal.ZERO)) <= 0,
                    "never more credited than the invoice's total, " + context);
            if (invoice.status() == InvoiceStatus.VOIDED) {
                assertEquals(0, invoice.balance().signum(), context);
                assertEquals(0, invoice.credited().signum(), "a voided invoice had nothing touch it, " + context);
            }
            amounts.addAll(List.of(invoice.total(), invoice.balance(), invoice.credited()));
        }
        for (int i = 0; i < ledger.creditNotes().size(); i++) {
            assertEquals(i + 1, ledger.creditNotes().get(i).number(), "credit note numbers are gap-free, " + context);
            amounts.add(ledger.creditNotes().get(i).amount());
        }
        for (AccountCredit credit : ledger.credits()) {
            assertTrue(credit.remaining().signum() > 0, context);
            amounts.add(credit.remaining());
        }
        for (CreditAllocation application : ledger.applications()) {
            assertTrue(application.amount().signum() > 0, context);
            amounts.add(application.amount());
        }
        for (BigDecimal amount : amounts) {
            assertEquals(scale, amount.scale(), "every amount at the currency's scale, " + context);
        }
    }

    /** A random posted invoice: charges (some discounted, some untaxed) in USD, JPY or KWD, taxed once. */
    record CreditCase(Invoice invoice, BigDecimal rate, RoundingMode mode, long seed) {
    }

    @Provide
    Arbitrary<CreditCase> creditCases() {
        return Arbitraries.randomValue(random -> {
            String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
            int scale = CurrencyUnits.minorUnits(currency, "currency");
            RoundingMode mode = random.nextBoolean() ? RoundingMode.HALF_UP : RoundingMode.HALF_EVEN;
            Money money = new Money(currency, scale, mode);
            BigDecimal rate = BigDecimal.valueOf(random.nextInt(25_001), 3);
            List<InvoiceItem> items = new ArrayList<>();
            int lines = 1 + random.nextInt(6);
            for (int n = 0; n < lines; n++) {
                boolean taxable = random.nextInt(4) != 0;
                BigDecimal amount = BigDecimal.valueOf(random.nextInt(20_000), scale);
                items.add(new InvoiceItem("sub-1", "ch-" + n, "Plan " + n, ItemKind.CHARGE, DAY_ONE,
                        DAY_ONE.plusDays(30), BigDecimal.ONE, null, amount, taxable));
                if (random.nextInt(3) == 0 && amount.signum() > 0) {
                    BigDecimal off = BigDecimal.valueOf(1 + random.nextInt(amount.unscaledValue().intValueExact()), scale);
                    items.add(new InvoiceItem("sub-1", "ch-" + n, "Plan " + n, ItemKind.DISCOUNT, DAY_ONE,
                            DAY_ONE.plusDays(30), null, null, off.negate(), taxable));
                }
            }
            BigDecimal subtotal = items.stream().map(InvoiceItem::amount).reduce(money.zero(), BigDecimal::add);
            BigDecimal tax = TaxRule.taxOn(items, rate, money);
            Invoice invoice = new Invoice("inv-1", "acc-1", currency, InvoiceStatus.POSTED, DAY_ONE,
                    DAY_ONE.plusDays(30), items, subtotal, tax, subtotal.add(tax));
            return new CreditCase(invoice, rate, mode, random.nextLong());
        });
    }

    @Property(tries = 500)
    void successivePartialCreditsNeverGiveBackMoreTaxThanTheInvoiceAndAFullSetNetsItToZero(
            @ForAll("creditCases") CreditCase c) {
        Invoice invoice = c.invoice();
        Random random = new Random(c.seed());
        BigDecimal unit = BigDecimal.ONE.movePointLeft(invoice.subtotal().scale());
        Map<String, BigDecimal> credited = new HashMap<>();
        BigDecimal taxes = BigDecimal.ZERO;
        BigDecimal totals = BigDecimal.ZERO;
        int notes = 0;
        while (true) {
            List<CreditRequestLine> request = new ArrayList<>();
            CreditNoteDraft everything;
            try {
                everything = CreditNotes.compute(invoice, c.rate(), credited, null, c.mode());
            } catch (BillingDataException nothingLeft) {
                assertEquals("lines", nothingLeft.field());
                break;
            }
            boolean last = random.nextInt(4) == 0;
            for (CreditNoteLine left : everything.lines()) {
                long units = left.amount().divide(unit).longValueExact();
                if (last || random.nextBoolean()) {
                    long part = last ? units : 1 + (long) (random.nextDouble() * units);
                    request.add(new CreditRequestLine(left.lineId(), BigDecimal.valueOf(part).multiply(unit)));
                }
            }
            if (request.isEmpty()) {
                continue;
            }
            CreditNoteDraft note = CreditNotes.compute(invoice, c.rate(), credited, request, c.mode());
            notes++;
            assertEquals(note.subtotal().add(note.taxTotal()), note.total());
            assertEquals(note.taxTotal(), note.lines().stream().map(CreditNoteLine::tax).reduce(BigDecimal.ZERO, BigDecimal::add),
                    "the lines' tax shares add up to the note's tax");
            assertTrue(note.taxTotal().signum() >= 0 && note.lines().stream().allMatch(l -> l.tax().signum() >= 0));
            taxes = taxes.add(note.taxTotal());
            totals = totals.add(note.total());
            assertTrue(taxes.compareTo(invoice.taxTotal()) <= 0, () -> "tax given back exceeds the invoice's: " + invoice);
            for (CreditNoteLine line : note.lines()) {
                credited.merge(line.lineId(), line.amount(), BigDecimal::add);
            }
        }
        Statistics.label("credit notes").collect(notes);
        if (notes > 0) {
            assertEquals(invoice.taxTotal(), taxes, "a full set of credits gives back exactly the invoice's tax");
            assertEquals(invoice.total(), totals, "a full set of credits nets the invoice to zero");
        }
    }
}

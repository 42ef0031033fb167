package com.billrun.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Credit notes' money rules (functions/billing-core/RULES.md, Corrections after posting). Pure: the caller loads
 * the posted invoice and what earlier credit notes took from each of its lines, and writes the result.
 * <ul>
 * <li><b>What a line can give back</b>: a charge or usage line is credited net of its discount (the DISCOUNT
 * lines of the same subscription, charge and period that follow it), so crediting a discounted line never gives
 * back more than the customer was charged for it. DISCOUNT lines are not credited on their own (their charge
 * line is), and a cancellation CREDIT line (negative: already in the customer's favour) cannot be credited.
 * What is left on a line = its net amount less what earlier credit notes took from it.</li>
 * <li><b>Tax</b>: taxable lines carry the invoice's tax rate. The tax given back by all the credit notes of an
 * invoice together is the rate on everything credited so far from its taxable lines, rounded once at the
 * currency's scale with the tenant's rounding mode, never more than the invoice's tax; the credit note that
 * credits the last of the taxable lines takes exactly the tax that is left. A credit note's tax is the
 * difference of that cumulative figure before and after it, so the credit notes' taxes never exceed the
 * invoice's tax and a full set of credits takes exactly the invoice's tax (a full credit of an uncredited
 * invoice nets it to zero).</li>
 * </ul>
 */
public final class CreditNotes {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CreditNotes() {
    }

    /**
     * @param invoice         the POSTED invoice credited (refused naming {@code invoiceId} otherwise)
     * @param taxRatePercent  the rate its taxable lines were taxed at (null = 0)
     * @param alreadyCredited per line id, the amount (before tax) earlier credit notes took from the line
     * @param requested       the lines to credit; null or empty = what is left on every line
     * @param rounding        the tenant's rounding mode for the tax (null = HALF_UP)
     */
    public static CreditNoteDraft compute(Invoice invoice, BigDecimal taxRatePercent,
                                          Map<String, BigDecimal> alreadyCredited, List<CreditRequestLine> requested,
                                          RoundingMode rounding) {
        Check.present(invoice, "invoiceId");
        Check.require(invoice.status() == InvoiceStatus.POSTED, "invoiceId",
                "is " + invoice.status() + ": only a posted invoice can be credited");
        int scale = CurrencyUnits.minorUnits(invoice.currency(), "currency");
        BigDecimal rate = taxRatePercent == null ? BigDecimal.ZERO : taxRatePercent;
        Check.require(rate.signum() >= 0, "taxRate", "must not be negative");
        RoundingMode mode = rounding == null ? RoundingMode.HALF_UP : rounding;
        Lines lines = new Lines(invoice, alreadyCredited == null ? Map.of() : alreadyCredited, scale);

        List<Credit> credits = requested == null || requested.isEmpty()
                ? lines.everythingLeft()
                : lines.requested(requested);

        BigDecimal subtotal = zero(scale);
        BigDecimal taxableNow = zero(scale);
        for (Credit credit : credits) {
            subtotal = subtotal.add(credit.amount);
            if (credit.taxable) {
                taxableNow = taxableNow.add(credit.amount);
            }
        }
        BigDecimal cap = invoice.taxTotal() == null ? zero(scale) : invoice.taxTotal().max(BigDecimal.ZERO);
        BigDecimal before = lines.taxableCredited();
        BigDecimal after = before.add(taxableNow);
        BigDecimal taxBefore = cumulativeTax(before, lines.taxableNet(), cap, rate, scale, mode);
        BigDecimal taxAfter = cumulativeTax(after, lines.taxableNet(), cap, rate, scale, mode);
        BigDecimal tax = taxAfter.subtract(taxBefore).setScale(scale);

        List<BigDecimal> shares = shares(credits, tax, taxableNow, scale);
        List<CreditNoteLine> noteLines = new ArrayList<>(credits.size());
        for (int i = 0; i < credits.size(); i++) {
            Credit credit = credits.get(i);
            InvoiceItem item = invoice.items().get(credit.index);
            noteLines.add(new CreditNoteLine(InvoiceLines.idOf(credit.index), item.chargeName(),
                    item.servicePeriodStart(), item.servicePeriodEnd(), credit.amount, credit.taxable, shares.get(i)));
        }
        return new CreditNoteDraft(invoice.currency(), noteLines, subtotal, tax, subtotal.add(tax));
    }

    /**
     * The tax given back once {@code credited} of the taxable lines' {@code taxableNet} is credited: the rate on
     * it rounded once, at most {@code cap} (the invoice's tax), and exactly {@code cap} once all is credited.
     */
    static BigDecimal cumulativeTax(BigDecimal credited, BigDecimal taxableNet, BigDecimal cap, BigDecimal rate,
                                    int scale, RoundingMode mode) {
        if (credited.signum() <= 0) {
            return zero(scale);
        }
        if (credited.compareTo(taxableNet) >= 0) {
            return cap.setScale(scale, mode);
        }
        return credited.multiply(rate).divide(HUNDRED).setScale(scale, mode).min(cap).setScale(scale, mode);
    }

    /**
     * The note's tax shared over its taxable lines in proportion to their amounts, by largest remainder (ties
     * to the earlier line), so the shares are never negative and add up to the tax exactly.
     */
    private static List<BigDecimal> shares(List<Credit> credits, BigDecimal tax, BigDecimal taxable, int scale) {
        List<BigDecimal> shares = new ArrayList<>(credits.size());
        List<BigDecimal> remainders = new ArrayList<>(credits.size());
        BigDecimal given = zero(scale);
        for (Credit credit : credits) {
            if (!credit.taxable || taxable.signum() == 0) {
                shares.add(zero(scale));
                remainders.add(BigDecimal.valueOf(-1));
                continue;
            }
            BigDecimal exact = tax.multiply(credit.amount).divide(taxable, scale + 12, RoundingMode.DOWN);
            BigDecimal share = exact.setScale(scale, RoundingMode.DOWN);
            shares.add(share);
            remainders.add(exact.subtract(share));
            given = given.add(share);
        }
        BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
        long left = tax.subtract(given).divide(unit).longValueExact();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < credits.size(); i++) {
            if (credits.get(i).taxable) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparing((Integer i) -> remainders.get(i)).reversed().thenComparing(i -> i));
        for (int k = 0; k < left; k++) {
            int i = order.get(k % order.size());
            shares.set(i, shares.get(i).add(unit));
        }
        return shares;
    }

    private static BigDecimal zero(int scale) {
        return BigDecimal.ZERO.setScale(scale);
    }

    /** One line of the credit note being computed: the invoice item's index, the amount, taxable or not. */
    private record Credit(int index, BigDecimal amount, boolean taxable) {
    }

    /** The invoice's lines grouped as credited: each charge line with the discounts that follow it. */
    private static final class Lines {
        private final Invoice invoice;
        private final Map<String, BigDecimal> alreadyCredited;
        private final int scale;
        /** For each item, the index of the line it is credited with (itself, or the charge line of a discount). */
        private final int[] owner;
        /** For each owning line, its amount net of its discounts. */
        private final BigDecimal[] net;

        Lines(Invoice invoice, Map<String, BigDecimal> alreadyCredited, int scale) {
            this.invoice = invoice;
            this.alreadyCredited = alreadyCredited;
            this.scale = scale;
            List<InvoiceItem> items = invoice.items();
            owner = new int[items.size()];
            net = new BigDecimal[items.size()];
            int head = -1;
            for (int i = 0; i < items.size(); i++) {
                InvoiceItem item = items.get(i);
                if (item.kind() == ItemKind.DISCOUNT && head >= 0 && sameCharge(items.get(head), item)) {
                    owner[i] = head;
                    net[head] = net[head].add(item.amount());
                } else {
                    owner[i] = i;
                    net[i] = item.amount();
                    head = i;
                }
            }
        }

        private static boolean sameCharge(InvoiceItem head, InvoiceItem discount) {
            return java.util.Objects.equals(head.subscriptionId(), discount.subscriptionId())
                    && java.util.Objects.equals(head.chargeId(), discount.chargeId())
                    && java.util.Objects.equals(head.servicePeriodStart(), discount.servicePeriodStart())
                    && java.util.Objects.equals(head.servicePeriodEnd(), discount.servicePeriodEnd());
        }

        private boolean creditable(int index) {
            return owner[index] == index && net[index].signum() > 0;
        }

        private BigDecimal credited(int index) {
            BigDecimal amount = alreadyCredited.get(InvoiceLines.idOf(index));
            return amount == null ? zero(scale) : amount;
        }

        private BigDecimal left(int index) {
            return net[index].subtract(credited(index));
        }

        private boolean taxable(int index) {
            return invoice.items().get(index).taxable();
        }

        /** Sum of what is creditable on the taxable lines. */
        BigDecimal taxableNet() {
            BigDecimal sum = zero(scale);
            for (int i = 0; i < owner.length; i++) {
                if (creditable(i) && taxable(i)) {
                    sum = sum.add(net[i]);
                }
            }
            return sum;
        }

        /** What earlier credit notes took from the taxable lines. */
        BigDecimal taxableCredited() {
            BigDecimal sum = zero(scale);
            for (int i = 0; i < owner.length; i++) {
                if (creditable(i) && taxable(i)) {
                    sum = sum.add(credited(i).max(BigDecimal.ZERO).min(net[i]));
                }
            }
            return sum;
        }

        List<Credit> everythingLeft() {
            List<Credit> credits = new ArrayList<>();
            for (int i = 0; i < owner.length; i++) {
                if (creditable(i) && left(i).signum() > 0) {
                    credits.add(new Credit(i, left(i).setScale(scale), taxable(i)));
                }
            }
            Check.require(!credits.isEmpty(), "lines", "nothing is left to credit on this invoice");
            return credits;
        }

        List<Credit> requested(List<CreditRequestLine> requested) {
            List<Credit> credits = new ArrayList<>(requested.size());
            Set<Integer> seen = new HashSet<>();
            for (int r = 0; r < requested.size(); r++) {
                String prefix = "lines[" + r + "]";
                CreditRequestLine line = Check.present(requested.get(r), prefix);
                int index = lineIndex(line.lineId(), prefix + ".lineId");
                Check.require(seen.add(index), prefix + ".lineId", "credits line " + line.lineId()
                        + " a second time in the same credit note");
                BigDecimal amount = amount(line.amount(), index, prefix + ".amount");
                credits.add(new Credit(index, amount, taxable(index)));
            }
            credits.sort(Comparator.comparingInt(Credit::index));
            return credits;
        }

        private int lineIndex(String lineId, String field) {
            int index;
            try {
                index = InvoiceLines.indexOf(lineId);
            } catch (BillingDataException invalid) {
                throw new BillingDataException(field, invalid.reason());
            }
            Check.require(index < owner.length, field, "is not a line of the invoice (it has " + owner.length
                    + (owner.length == 1 ? " line)" : " lines)"));
            InvoiceItem item = invoice.items().get(index);
            Check.require(owner[index] == index, field, "is a discount of line " + InvoiceLines.idOf(owner[index])
                    + ": credit line " + InvoiceLines.idOf(owner[index]) + ", which is credited net of its discount");
            Check.require(net[index].signum() >= 0, field, "is a " + (item.kind() == null ? "negative" : item.kind())
                    + " line (negative, already in the customer's favour): only a line that charged the customer can be credited");
            return index;
        }

        private BigDecimal amount(BigDecimal amount, int index, String field) {
            Check.amount(amount, scale, field);
            Check.require(amount.signum() > 0, field, "must be greater than 0");
            Check.require(amount.precision() - amount.scale() <= RequestLimits.MAX_INTEGER_DIGITS, field,
                    "has more than " + RequestLimits.MAX_INTEGER_DIGITS + " digits before the decimal point");
            BigDecimal left = left(index).max(BigDecimal.ZERO).setScale(scale);
            Check.require(amount.compareTo(left) <= 0, field, "is more than the " + left.toPlainString()
                    + " left to credit on line " + InvoiceLines.idOf(index));
            return amount.setScale(scale);
        }
    }
}

package com.billrun.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Credit notes' lines and tax (RULES.md, Corrections after posting). Invoices are written as their lines:
 * {@code C100.00} a taxable charge, {@code D-10.00} its discount, {@code } a cancellation credit, a trailing
 * {@code n} an untaxed line; requests as {@code lineId:amount}, earlier credits likewise, {@code -} for none.
 */
class CreditNotesTest {

    static Invoice invoice(String currency, String rate, RoundingMode mode, String lines) {
        Money money = new Money(currency, CurrencyUnits.minorUnits(currency, "currency"), mode);
        List<InvoiceItem> items = new ArrayList<>();
        int n = 0;
        for (String spec : lines.split(",")) {
            boolean taxable = !spec.endsWith("n");
            String text = taxable ? spec : spec.substring(0, spec.length() - 1);
            ItemKind kind = switch (text.charAt(0)) {
                case 'C' -> ItemKind.CHARGE;
                case 'U' -> ItemKind.USAGE;
                case 'D' -> ItemKind.DISCOUNT;
                case 'R' -> ItemKind.CREDIT;
                default -> throw new IllegalArgumentException(spec);
            };
            if (kind != ItemKind.DISCOUNT) {
                n++;
            }
            items.add(new InvoiceItem("sub-1", "ch-" + n, "Plan " + n, kind, LocalDate.parse("2024-03-01"),
                    LocalDate.parse("2024-03-31"), BigDecimal.ONE, null, new BigDecimal(text.substring(1)), taxable));
        }
        BigDecimal subtotal = items.stream().map(InvoiceItem::amount).reduce(money.zero(), BigDecimal::add);
        BigDecimal tax = TaxRule.taxOn(items, new BigDecimal(rate), money);
        return new Invoice("inv-1", "acc-1", currency, InvoiceStatus.POSTED, LocalDate.parse("2024-03-01"),
                LocalDate.parse("2024-03-31"), items, subtotal, tax, subtotal.add(tax));
    }

    static List<CreditRequestLine> request(String spec) {
        if (spec == null || spec.equals("-")) {
            return List.of();
        }
        List<CreditRequestLine> lines = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] idAmount = part.split(":");
            lines.add(new CreditRequestLine(idAmount[0], new BigDecimal(idAmount[1])));
        }
        return lines;
    }

    static Map<String, BigDecimal> credited(String spec) {
        return request(spec).stream().collect(Collectors.toMap(CreditRequestLine::lineId, CreditRequestLine::amount));
    }

    /** "1:90.00/9.00" per line: id, amount, tax share. */
    static String lines(CreditNoteDraft draft) {
        return draft.lines().stream().map(l -> l.lineId() + ":" + l.amount().toPlainString() + "/"
                + l.tax().toPlainString()).collect(Collectors.joining(","));
    }

    @ParameterizedTest(name = "{0} {1}% {2} [{3}] credited [{4}] request [{5}] -> {6} tax {8}")
    @CsvSource(delimiter = ';', textBlock = """
            # full credits of an uncredited invoice: exactly the invoice's tax, so the invoice nets to zero
            USD; 10;     HALF_UP;   C100.00;                 -;            -;                 1:100.00/10.00;            100.00; 10.00; 110.00
            USD; 8.875;  HALF_UP;   C19.99,C5.01;            -;            -;                 1:19.99/1.78,2:5.01/0.44;  25.00;  2.22;  27.22
            USD; 10;     HALF_UP;   C100.00,D-10.00;         -;            -;                 1:90.00/9.00;              90.00;  9.00;  99.00
            USD; 10;     HALF_UP;   C100.00,U50.00n;         -;            -;                 1:100.00/10.00,2:50.00/0.00; 150.00; 10.00; 160.00
            JPY; 10;     HALF_UP;   C1005;                   -;            -;                 1:1005/101;                1005;   101;   1106
            JPY; 10;     HALF_EVEN; C1005;                   -;            -;                 1:1005/100;                1005;   100;   1105
            KWD; 5;      HALF_UP;   C10.005;                 -;            -;                 1:10.005/0.500;            10.005; 0.500; 10.505
            KWD; 5;      HALF_UP;   C0.250;                  -;            -;                 1:0.250/0.013;             0.250;  0.013; 0.263
            KWD; 5;      HALF_EVEN; C0.250;                  -;            -;                 1:0.250/0.012;             0.250;  0.012; 0.262
            # exact halves in a partial credit: the tenant's rounding mode decides
            USD; 10;     HALF_UP;   C1.25;                   -;            1:0.25;            1:0.25/0.03;               0.25;   0.03;  0.28
            USD; 10;     HALF_EVEN; C1.25;                   -;            1:0.25;            1:0.25/0.02;               0.25;   0.02;  0.27
            USD; 10;     HALF_EVEN; C1.25;                   -;            1:0.35;            1:0.35/0.04;               0.35;   0.04;  0.39
            JPY; 10;     HALF_UP;   C1000;                   -;            1:25;              1:25/3;                    25;     3;     28
            JPY; 10;     HALF_EVEN; C1000;                   -;            1:25;              1:25/2;                    25;     2;     27
            JPY; 10;     HALF_EVEN; C1000;                   -;            1:15;              1:15/2;                    15;     2;     17
            KWD; 5;      HALF_UP;   C10.000;                 -;            1:0.010;           1:0.010/0.001;             0.010;  0.001; 0.011
            KWD; 5;      HALF_EVEN; C10.000;                 -;            1:0.010;           1:0.010/0.000;             0.010;  0.000; 0.010
            # partial credits: USD 8.875% on a taxable and an untaxed line; amounts given with fewer decimals
            USD; 8.875;  HALF_UP;   C19.99,C5.01;            -;            2:5;               2:5.00/0.44;               5.00;   0.44;  5.44
            USD; 10;     HALF_UP;   C100.00,U50.00n;         -;            2:20,1:10;         1:10.00/1.00,2:20.00/0.00; 30.00;  1.00;  31.00
            JPY; 8;      HALF_UP;   C3000,C2000;             -;            1:1000,2:500;      1:1000/80,2:500/40;        1500;   120;   1620
            # what is left after earlier credit notes: the credit that exhausts the invoice takes the tax that is left
            USD; 10;     HALF_UP;   C100.00;                 1:60.00;      -;                 1:40.00/4.00;              40.00;  4.00;  44.00
            USD; 10;     HALF_UP;   C0.05,C0.05,C0.05;       1:0.05;       2:0.05;            2:0.05/0.00;               0.05;   0.00;  0.05
            USD; 10;     HALF_UP;   C0.05,C0.05,C0.05;       1:0.05,2:0.05; -;                3:0.05/0.01;               0.05;   0.01;  0.06
            KWD; 5;      HALF_UP;   C10.005;                 1:10.000;     1:0.005;           1:0.005/0.000;             0.005;  0.000; 0.005
            # a cancellation credit on the same invoice is not credited; the tax given back never exceeds the invoice's
            USD; 10;     HALF_UP;   C100.00,R-40.00;         -;            -;                 1:100.00/6.00;             100.00; 6.00;  106.00
            """)
    void linesAndTax(String currency, String rate, RoundingMode mode, String invoiceLines, String earlier,
                     String requested, String expectedLines, String subtotal, String tax, String total) {
        Invoice invoice = invoice(currency, rate, mode, invoiceLines);

        CreditNoteDraft draft = CreditNotes.compute(invoice, new BigDecimal(rate), credited(earlier),
                request(requested), mode);

        assertEquals(expectedLines, lines(draft));
        assertEquals(subtotal, draft.subtotal().toPlainString());
        assertEquals(tax, draft.taxTotal().toPlainString());
        assertEquals(total, draft.total().toPlainString());
        assertEquals(currency, draft.currency());
    }

    @Test
    void aFullCreditOfAnUncreditedInvoiceNetsItToZero() {
        Invoice invoice = invoice("USD", "8.875", RoundingMode.HALF_EVEN, "C19.99,D-2.00,C5.01,U7.33n,C0.01");

        CreditNoteDraft draft = CreditNotes.compute(invoice, new BigDecimal("8.875"), Map.of(), null, RoundingMode.HALF_EVEN);

        assertEquals(invoice.total(), draft.total());
        assertEquals(invoice.taxTotal(), draft.taxTotal());
        assertEquals(invoice.subtotal(), draft.subtotal());
    }

    @Test
    void successiveCreditsLineByLineTakeExactlyTheInvoicesTaxWhereRoundingEachWouldTakeMore() {
        Invoice invoice = invoice("USD", "10", RoundingMode.HALF_UP, "C0.05,C0.05,C0.05");
        Map<String, BigDecimal> credited = new HashMap<>();
        List<String> taxes = new ArrayList<>();
        BigDecimal totals = BigDecimal.ZERO;
        for (String line : List.of("1", "2", "3")) {
            CreditNoteDraft draft = CreditNotes.compute(invoice, BigDecimal.TEN, credited,
                    List.of(new CreditRequestLine(line, new BigDecimal("0.05"))), RoundingMode.HALF_UP);
            taxes.add(draft.taxTotal().toPlainString());
            totals = totals.add(draft.total());
            credited.put(line, draft.lines().get(0).amount());
        }

        assertEquals("0.02", invoice.taxTotal().toPlainString(), "0.015 rounded once on the invoice");
        assertEquals(List.of("0.01", "0.00", "0.01"), taxes, "0.01 each would give back 0.03");
        assertEquals(invoice.total(), totals);
    }

    @ParameterizedTest(name = "[{1}] credited [{2}] request [{3}] -> {4}")
    @CsvSource(delimiter = ';', textBlock = """
            USD; C100.00;            -;        1:100.01;        lines[0].amount;   is more than the 100.00 left to credit on line 1
            USD; C100.00;            1:60.00;  1:40.01;         lines[0].amount;   is more than the 40.00 left to credit on line 1
            USD; C100.00,D-10.00;    -;        1:90.01;         lines[0].amount;   is more than the 90.00 left to credit on line 1
            USD; C100.00,C20.00;     -;        1:10,2:20.01;    lines[1].amount;   is more than the 20.00 left to credit on line 2
            USD; C100.00;            -;        1:0;             lines[0].amount;   must be greater than 0
            USD; C100.00;            -;        1:0.00;          lines[0].amount;   must be greater than 0
            USD; C100.00;            -;        1:-1.00;         lines[0].amount;   must not be negative
            USD; C100.00;            -;        1:1.001;         lines[0].amount;   has more than 2 decimals
            JPY; C1000;              -;        1:1.5;           lines[0].amount;   has more than 0 decimals
            KWD; C1.000;             -;        1:0.0001;        lines[0].amount;   has more than 3 decimals
            USD; C100.00;            -;        1:1E+20;         lines[0].amount;   digits before the decimal point
            USD; C100.00,C20.00;     -;        3:1.00;          lines[0].lineId;   is not a line of the invoice (it has 2 lines)
            USD; C100.00;            -;        0:1.00;          lines[0].lineId;   is not a line of the invoice
            USD; C100.00;            -;        01:1.00;         lines[0].lineId;   is not a line of the invoice
            USD; C100.00;            -;        x:1.00;          lines[0].lineId;   is not a line of the invoice
            USD; C100.00,C20.00;     -;        2:1.00,2:2.00;   lines[1].lineId;   credits line 2 a second time
            USD; C100.00,D-10.00;    -;        2:1.00;          lines[0].lineId;   is a discount of line 1: credit line 1
            USD; C100.00,R-40.00;    -;        2:1.00;          lines[0].lineId;   is a CREDIT line (negative
            USD; C100.00;            1:100.00; -;               lines;             nothing is left to credit on this invoice
            """)
    void refusedNamingTheField(String currency, String invoiceLines, String earlier, String requested, String field,
                               String reason) {
        Invoice invoice = invoice(currency, "10", RoundingMode.HALF_UP, invoiceLines);

        BillingDataException refused = assertThrows(BillingDataException.class, () -> CreditNotes.compute(invoice,
                BigDecimal.TEN, credited(earlier), request(requested), RoundingMode.HALF_UP));

        assertEquals(field, refused.field());
        assertTrue(refused.reason().contains(reason), refused.getMessage());
    }

    @Test
    void missingLineIdOrAmountIsNamed() {
        Invoice invoice = invoice("USD", "10", RoundingMode.HALF_UP, "C100.00");
        assertEquals("lines[0].lineId", assertThrows(BillingDataException.class, () -> CreditNotes.compute(invoice,
                BigDecimal.TEN, Map.of(), List.of(new CreditRequestLine(null, BigDecimal.ONE)), null)).field());
        assertEquals("lines[0].amount", assertThrows(BillingDataException.class, () -> CreditNotes.compute(invoice,
                BigDecimal.TEN, Map.of(), List.of(new CreditRequestLine("1", null)), null)).field());
    }

    @Test
    void onlyAPostedInvoiceIsCredited() {
        Invoice posted = invoice("USD", "10", RoundingMode.HALF_UP, "C100.00");
        for (InvoiceStatus status : List.of(InvoiceStatus.DRAFT, InvoiceStatus.CANCELED, InvoiceStatus.VOIDED)) {
            Invoice other = new Invoice(posted.id(), posted.accountId(), posted.currency(), status, posted.invoiceDate(),
                    posted.dueDate(), posted.items(), posted.subtotal(), posted.taxTotal(), posted.total());
            BillingDataException refused = assertThrows(BillingDataException.class,
                    () -> CreditNotes.compute(other, BigDecimal.TEN, Map.of(), List.of(), null));
            assertEquals("invoiceId", refused.field());
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 2", "41, 42"})
    void lineIdsAreOneBasedPositions(int index, String id) {
        assertEquals(id, InvoiceLines.idOf(index));
        assertEquals(index, InvoiceLines.indexOf(id));
    }
}

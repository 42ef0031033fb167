package com.billrun.documents;

import static com.billrun.documents.InvoiceDocumentTest.extract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.CreditNoteDraft;
import com.billrun.core.CreditNoteLine;
import com.billrun.core.CreditNotes;
import com.billrun.core.CreditRequestLine;
import com.billrun.core.Invoice;
import com.billrun.core.InvoiceItem;
import com.billrun.core.InvoiceStatus;
import com.billrun.core.ItemKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The credit note PDF carries its number, date, the invoice it credits, bill-to, reason, lines and totals. */
class CreditNoteDocumentTest {

    static CreditNoteLine line(String id, String name, String start, String end, String amount, String tax) {
        return new CreditNoteLine(id, name, LocalDate.parse(start), LocalDate.parse(end), new BigDecimal(amount),
                true, new BigDecimal(tax));
    }

    static PrintedCreditNote note(String currency, List<CreditNoteLine> lines, String subtotal, String tax, String total) {
        return new PrintedCreditNote("Acme Billing Ltd", "CN-000002", LocalDate.parse("2024-03-20"), "INV-000042",
                "Globex Corporation", "ap@customer.example", currency, "Service outage 12-14 March", lines,
                new BigDecimal(subtotal), new BigDecimal(tax), new BigDecimal(total));
    }

    @Test
    void showsWhatIsGivenBack() throws IOException {
        PrintedCreditNote view = note("USD", List.of(
                        line("1", "Pro plan", "2024-03-01", "2024-03-31", "1080.00", "95.85"),
                        line("3", "API calls", "2024-02-01", "2024-02-29", "56.25", "4.99"),
                        line("4", "Setup", "2024-02-15", "2024-02-15", "99.00", "8.79")),
                "1235.25", "109.63", "1344.88");

        InvoiceDocumentTest.Extracted pdf = extract(CreditNoteDocument.render(view));

        String text = pdf.text();
        assertEquals(1, pdf.pages());
        for (String expected : List.of("Acme Billing Ltd", "CREDIT NOTE", "Credit note number CN-000002",
                "Date 2024-03-20", "Credits invoice INV-000042", "Currency USD", "Globex Corporation",
                "ap@customer.example", "Reason Service outage 12-14 March",
                "1 Pro plan 2024-03-01 - 2024-03-31 95.85 1,080.00",
                "3 API calls 2024-02-01 - 2024-02-29 4.99 56.25",
                "4 Setup 2024-02-15 8.79 99.00",
                "Subtotal USD 1,235.25", "Tax USD 109.63", "Total credited USD 1,344.88",
                "Credit note CN-000002 - Page 1 of 1")) {
            assertTrue(text.contains(expected), () -> "missing '" + expected + "' in:\n" + text);
        }
    }

    @Test
    void printsWhatTheEngineComputedAtTheCurrencyScale() throws IOException {
        List<InvoiceItem> items = List.of(new InvoiceItem("sub-1", "ch-1", "Plan", ItemKind.CHARGE,
                LocalDate.parse("2024-03-01"), LocalDate.parse("2024-03-31"), BigDecimal.ONE,
                new BigDecimal("10.005"), new BigDecimal("10.005"), true));
        Invoice invoice = new Invoice("inv-1", "acc-1", "KWD", InvoiceStatus.POSTED, LocalDate.parse("2024-03-01"),
                LocalDate.parse("2024-03-31"), items, new BigDecimal("10.005"), new BigDecimal("0.500"),
                new BigDecimal("10.505"));
        CreditNoteDraft draft = CreditNotes.compute(invoice, new BigDecimal("5"), Map.of(),
                List.of(new CreditRequestLine("1", new BigDecimal("4"))), RoundingMode.HALF_UP);

        String text = extract(CreditNoteDocument.render(new PrintedCreditNote(null, "CN-7", LocalDate.parse("2024-04-01"),
                "INV-3", "Initech", "bills@initech.example", "KWD", null, draft.lines(), draft.subtotal(),
                draft.taxTotal(), draft.total()))).text();

        assertTrue(text.contains("1 Plan 2024-03-01 - 2024-03-31 0.200 4.000"), text);
        assertTrue(text.contains("Total credited KWD 4.200"), text);
        assertTrue(!text.contains("Reason"), text);
    }

    @Test
    void manyLinesFlowOntoFurtherPages() throws IOException {
        List<CreditNoteLine> lines = new ArrayList<>();
        for (int seat = 1; seat <= 120; seat++) {
            lines.add(line(Integer.toString(seat), "Seat " + seat, "2024-03-01", "2024-03-31", "10.00", "0.00"));
        }
        InvoiceDocumentTest.Extracted pdf = extract(CreditNoteDocument.render(
                note("USD", lines, "1200.00", "0.00", "1200.00")));

        assertTrue(pdf.pages() >= 3, "pages: " + pdf.pages());
        for (int seat = 1; seat <= 120; seat++) {
            assertTrue(pdf.text().contains(seat + " Seat " + seat + " 2024-03-01 - 2024-03-31 0.00 10.00"), "missing " + seat);
        }
        assertTrue(pdf.text().contains("Credit note CN-000002 (continued)"));
        assertTrue(pdf.text().contains("Page " + pdf.pages() + " of " + pdf.pages()));
    }
}

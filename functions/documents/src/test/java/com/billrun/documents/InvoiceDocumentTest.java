package com.billrun.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.InvoiceItem;
import com.billrun.core.InvoiceStatus;
import com.billrun.core.ItemKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The customer invoice PDF carries number, dates, bill-to, every item with its service period, and the totals. */
class InvoiceDocumentTest {

    static InvoiceItem item(String name, ItemKind kind, String start, String end, String quantity, String unitPrice,
                            String amount) {
        return new InvoiceItem("sub-1", "ch-1", name, kind, LocalDate.parse(start), LocalDate.parse(end),
                new BigDecimal(quantity), unitPrice == null ? null : new BigDecimal(unitPrice), new BigDecimal(amount),
                true);
    }

    static PrintedInvoice invoice(String number, String accountName, String currency, List<InvoiceItem> items,
                               String subtotal, String taxRate, String tax, String total, String balance) {
        return new PrintedInvoice("Acme Billing Ltd", number, number == null ? InvoiceStatus.DRAFT : InvoiceStatus.POSTED,
                LocalDate.parse("2024-03-01"), LocalDate.parse("2024-03-31"), accountName, "ap@customer.example",
                currency, items, new BigDecimal(subtotal), new BigDecimal(taxRate), new BigDecimal(tax),
                new BigDecimal(total), new BigDecimal(balance));
    }

    static Extracted extract(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new Extracted(document.getNumberOfPages(), new PDFTextStripper().getText(document));
        }
    }

    record Extracted(int pages, String text) {
    }

    @Test
    void showsWhatTheCustomerPays() throws IOException {
        PrintedInvoice view = invoice("INV-000042", "Globex Corporation", "USD", List.of(
                        item("Pro plan", ItemKind.CHARGE, "2024-03-01", "2024-03-31", "1", "1200.00", "1200.00"),
                        item("Pro plan", ItemKind.DISCOUNT, "2024-03-01", "2024-03-31", "1", null, "-120.00"),
                        item("API calls", ItemKind.USAGE, "2024-02-01", "2024-02-29", "12500", "0.0125", "156.25"),
                        item("Setup", ItemKind.CHARGE, "2024-02-15", "2024-02-15", "1", "99.00", "99.00")),
                "1335.25", "8.875", "118.50", "1453.75", "453.75");

        Extracted pdf = extract(InvoiceDocument.render(view));

        String text = pdf.text();
        assertEquals(1, pdf.pages());
        for (String expected : List.of("Acme Billing Ltd", "INVOICE", "Invoice number INV-000042",
                "Invoice date 2024-03-01", "Due date 2024-03-31", "Status POSTED", "Currency USD",
                "Globex Corporation", "ap@customer.example",
                "Pro plan 2024-03-01 - 2024-03-31 1 1,200.00 1,200.00",
                "Pro plan (discount) 2024-03-01 - 2024-03-31 1 -120.00",
                "API calls 2024-02-01 - 2024-02-29 12,500 0.0125 156.25",
                "Setup 2024-02-15 1 99.00 99.00",
                "Subtotal USD 1,335.25", "Tax (8.875%) USD 118.50", "Total USD 1,453.75",
                "Balance due USD 453.75", "Page 1 of 1")) {
            assertTrue(text.contains(expected), () -> "missing '" + expected + "' in:\n" + text);
        }
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = ';', textBlock = """
            JPY; 150000; 150,000
            USD; 1500.5; 1,500.50
            KWD; 12.3; 12.300
            KWD; -0.125; -0.125
            """)
    void amountsAtTheCurrencyScale(String currency, String amount, String printed) throws IOException {
        PrintedInvoice view = invoice("INV-1", "Initech", currency, List.of(
                item("Plan", ItemKind.CHARGE, "2024-03-01", "2024-03-31", "1", null, amount)),
                amount, "0", "0", amount, amount);

        String text = extract(InvoiceDocument.render(view)).text();

        assertTrue(text.contains("Plan 2024-03-01 - 2024-03-31 1 " + printed), text);
        assertTrue(text.contains("Total " + currency + " " + printed), text);
    }

    @Test
    void aDraftSaysSo() throws IOException {
        String text = extract(InvoiceDocument.render(invoice(null, "Initech", "USD", List.of(),
                "0.00", "0", "0.00", "0.00", "0.00"))).text();

        assertTrue(text.contains("Invoice number DRAFT"), text);
        assertTrue(text.contains("Status DRAFT"), text);
    }

    @Test
    void twoHundredItemsFlowOntoFurtherPagesAndKeepEveryLine() throws IOException {
        List<InvoiceItem> items = new ArrayList<>();
        for (int seat = 1; seat <= 200; seat++) {
            items.add(item("Seat " + seat, ItemKind.CHARGE, "2024-03-01", "2024-03-31", "1", "10.00", "10.00"));
        }
        PrintedInvoice view = invoice("INV-000200", "Massive Dynamic", "USD", items,
                "2000.00", "0", "0.00", "2000.00", "2000.00");

        Extracted pdf = extract(InvoiceDocument.render(view));

        assertTrue(pdf.pages() >= 4, "pages: " + pdf.pages());
        for (int seat = 1; seat <= 200; seat++) {
            String line = "Seat " + seat + " 2024-03-01 - 2024-03-31 1 10.00 10.00";
            assertTrue(pdf.text().contains(line + "\n") || pdf.text().contains(line + "\r"), "missing " + line);
        }
        assertTrue(pdf.text().contains("Invoice INV-000200 (continued)"));
        assertTrue(pdf.text().contains("Page " + pdf.pages() + " of " + pdf.pages()));
        assertTrue(pdf.text().contains("Balance due USD 2,000.00"));
    }

    @Test
    void charactersOutsideWinAnsiAreReplacedNotFatal() throws IOException {
        PrintedInvoice view = invoice("INV-7", "Zoë 株式会社 Łódź", "JPY", List.of(
                        item("Plan ✓ Straße", ItemKind.CHARGE, "2024-03-01", "2024-03-31", "1", "5000", "5000")),
                "5000", "10", "500", "5500", "5500");

        String text = extract(InvoiceDocument.render(view)).text();

        assertTrue(text.contains("Zoë ???? Lódz"), text);
        assertTrue(text.contains("Plan ? Straße"), text);
        assertTrue(text.contains("Total JPY 5,500"), text);
    }

    @Test
    void aLongChargeNameIsCutBeforeTheNextColumn() throws IOException {
        String name = "Enterprise platform subscription with premium support and dedicated success manager";
        PrintedInvoice view = invoice("INV-8", "Initech", "USD", List.of(
                item(name, ItemKind.CHARGE, "2024-03-01", "2024-03-31", "1", "10.00", "10.00")),
                "10.00", "0", "0.00", "10.00", "10.00");

        String text = extract(InvoiceDocument.render(view)).text();

        assertFalse(text.contains(name), text);
        assertTrue(text.contains("Enterprise platform subscription with ... 2024-03-01")
                || text.matches("(?s).*Enterprise platform [a-z ]+\\.\\.\\. 2024-03-01 - 2024-03-31.*"), text);
    }
}

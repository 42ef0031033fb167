package com.billrun.documents;

import com.billrun.core.InvoiceItem;
import com.billrun.core.ItemKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName;

/**
 * The customer's invoice as a PDF: number, dates, status, bill-to, one row per item with its
 * inclusive service period, quantity, unit price and amount, then subtotal, tax with its rate, total and balance
 * due. Items flow onto further pages, each repeating the table header; every page says "Page i of n".
 * Standard 14 fonts only: nothing to embed, no system font scan, a small fast file.
 */
public final class InvoiceDocument {

    private static final float TITLE = 20;
    private static final float BODY = 10;
    private static final float TABLE = 9;
    private static final float ROW = 14;
    /** Column edges: description and period are left-aligned, the numbers right-aligned on their right edge. */
    private static final float PERIOD_X = 230;
    private static final float QUANTITY_RIGHT = 400;
    private static final float UNIT_PRICE_RIGHT = 470;
    private static final float DESCRIPTION_WIDTH = PERIOD_X - PageWriter.LEFT - 8;
    private static final float HEADER_VALUES_X = 360;

    static {
        BundledFontOnly.install();
    }

    private final PrintedInvoice view;
    private final Amounts amounts;
    private final PDFont regular = new PDType1Font(FontName.HELVETICA);
    private final PDFont bold = new PDType1Font(FontName.HELVETICA_BOLD);

    private InvoiceDocument(PrintedInvoice view) {
        this.view = view;
        this.amounts = new Amounts(view.currency());
    }

    /** The invoice as PDF bytes, ready for {@code GET /invoices/{id}/pdf} or an email attachment. */
    public static byte[] render(PrintedInvoice view) {
        try {
            return new InvoiceDocument(view).write();
        } catch (IOException inMemory) {
            throw new UncheckedIOException("rendering invoice " + view.displayNumber(), inMemory);
        }
    }

    private byte[] write() throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.getDocumentInformation().setTitle("Invoice " + view.displayNumber());
            try (PageWriter page = new PageWriter(document, new WinAnsiText(regular))) {
                header(page);
                items(page);
                totals(page);
            }
            numberPages(document);
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            document.save(pdf);
            return pdf.toByteArray();
        }
    }

    private void header(PageWriter page) throws IOException {
        if (view.issuerName() != null) {
            page.left(bold, 12, PageWriter.LEFT, view.issuerName());
            page.down(22);
        }
        page.left(bold, TITLE, PageWriter.LEFT, "INVOICE");
        headerField(page, "Invoice number", view.displayNumber());
        headerField(page, "Invoice date", date(view.invoiceDate()));
        headerField(page, "Due date", date(view.dueDate()));
        headerField(page, "Status", view.status().name());
        headerField(page, "Currency", view.currency());
        page.down(10);
        page.left(bold, BODY, PageWriter.LEFT, "Bill to");
        page.down(ROW);
        page.left(regular, BODY, PageWriter.LEFT, view.accountName());
        page.down(ROW);
        page.left(regular, BODY, PageWriter.LEFT, view.billToEmail());
        page.down(2 * ROW);
    }

    private void headerField(PageWriter page, String label, String value) throws IOException {
        page.left(regular, BODY, HEADER_VALUES_X, label);
        page.right(bold, BODY, PageWriter.RIGHT, value);
        page.down(ROW);
    }

    private void items(PageWriter page) throws IOException {
        tableHeader(page);
        for (InvoiceItem item : view.items()) {
            if (!page.fits(ROW)) {
                page.newPage();
                page.left(bold, BODY, PageWriter.LEFT, "Invoice " + view.displayNumber() + " (continued)");
                page.down(2 * ROW);
                tableHeader(page);
            }
            page.leftWithin(regular, TABLE, PageWriter.LEFT, DESCRIPTION_WIDTH, description(item));
            page.left(regular, TABLE, PERIOD_X, servicePeriod(item));
            page.right(regular, TABLE, QUANTITY_RIGHT, amounts.quantity(item.quantity()));
            page.right(regular, TABLE, UNIT_PRICE_RIGHT, amounts.unitPrice(item.unitPrice()));
            page.right(regular, TABLE, PageWriter.RIGHT, amounts.amount(item.amount()));
            page.down(ROW);
        }
    }

    private void tableHeader(PageWriter page) throws IOException {
        page.left(bold, TABLE, PageWriter.LEFT, "Description");
        page.left(bold, TABLE, PERIOD_X, "Service period");
        page.right(bold, TABLE, QUANTITY_RIGHT, "Quantity");
        page.right(bold, TABLE, UNIT_PRICE_RIGHT, "Unit price");
        page.right(bold, TABLE, PageWriter.RIGHT, "Amount");
        page.rule();
        page.down(ROW + 4);
    }

    private void totals(PageWriter page) throws IOException {
        if (!page.fits(5 * ROW)) {
            page.newPage();
        }
        page.rule();
        page.down(ROW + 4);
        total(page, regular, "Subtotal", view.subtotal());
        total(page, regular, "Tax (" + Amounts.percent(view.taxRate()) + ")", view.taxTotal());
        total(page, bold, "Total", view.total());
        total(page, bold, "Balance due", view.balance());
    }

    private void total(PageWriter page, PDFont font, String label, BigDecimal amount) throws IOException {
        page.right(font, BODY, UNIT_PRICE_RIGHT, label);
        page.right(font, BODY, PageWriter.RIGHT, view.currency() + " " + amounts.amount(amount));
        page.down(ROW);
    }

    /** "Page i of n" needs n, so it is written once every page exists. */
    private void numberPages(PDDocument document) throws IOException {
        int count = document.getNumberOfPages();
        for (int index = 0; index < count; index++) {
            PDPage pdfPage = document.getPage(index);
            try (PDPageContentStream footer = new PDPageContentStream(document, pdfPage, AppendMode.APPEND, true)) {
                footer.beginText();
                footer.setFont(regular, 8);
                footer.newLineAtOffset(PageWriter.LEFT, PageWriter.MARGIN);
                footer.showText("Invoice " + new WinAnsiText(regular).sanitize(view.displayNumber())
                        + " - Page " + (index + 1) + " of " + count);
                footer.endText();
            }
        }
    }

    private static String description(InvoiceItem item) {
        String name = item.chargeName() == null ? "" : item.chargeName();
        return switch (item.kind() == null ? ItemKind.CHARGE : item.kind()) {
            case DISCOUNT -> name + " (discount)";
            case CREDIT -> name + " (credit for unused days)";
            default -> name;
        };
    }

    /** Inclusive at both ends (functions/billing-core/RULES.md); a one-day period (a one-time charge) shows its single date. */
    private static String servicePeriod(InvoiceItem item) {
        LocalDate start = item.servicePeriodStart();
        LocalDate end = item.servicePeriodEnd();
        if (start == null) {
            return "";
        }
        return end == null || end.equals(start) ? date(start) : date(start) + " - " + date(end);
    }

    private static String date(LocalDate day) {
        return day == null ? "" : day.toString();
    }
}

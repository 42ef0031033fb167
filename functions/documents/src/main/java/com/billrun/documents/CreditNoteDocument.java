package com.billrun.documents;

import com.billrun.core.CreditNoteLine;
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
 * The customer's credit note as a PDF, laid out like {@link InvoiceDocument}: number, date, the invoice it
 * credits, bill-to, reason, one row per credited line (invoice line, description, inclusive service period,
 * amount, tax), then subtotal, tax and total credited. Lines flow onto further pages, each repeating the table
 * header; every page says "Page i of n". Standard 14 fonts only.
 */
public final class CreditNoteDocument {

    private static final float TITLE = 20;
    private static final float BODY = 10;
    private static final float TABLE = 9;
    private static final float ROW = 14;
    private static final float DESCRIPTION_X = PageWriter.LEFT + 40;
    private static final float PERIOD_X = 260;
    private static final float TAX_RIGHT = 460;
    private static final float DESCRIPTION_WIDTH = PERIOD_X - DESCRIPTION_X - 8;
    private static final float REASON_WIDTH = PageWriter.RIGHT - PageWriter.LEFT - 50;
    private static final float HEADER_VALUES_X = 360;

    static {
        BundledFontOnly.install();
    }

    private final PrintedCreditNote view;
    private final Amounts amounts;
    private final PDFont regular = new PDType1Font(FontName.HELVETICA);
    private final PDFont bold = new PDType1Font(FontName.HELVETICA_BOLD);

    private CreditNoteDocument(PrintedCreditNote view) {
        this.view = view;
        this.amounts = new Amounts(view.currency());
    }

    /** The credit note as PDF bytes, for {@code GET /credit-notes/{id}/pdf} or an email attachment. */
    public static byte[] render(PrintedCreditNote view) {
        try {
            return new CreditNoteDocument(view).write();
        } catch (IOException inMemory) {
            throw new UncheckedIOException("rendering credit note " + view.number(), inMemory);
        }
    }

    private byte[] write() throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.getDocumentInformation().setTitle("Credit note " + text(view.number()));
            try (PageWriter page = new PageWriter(document, new WinAnsiText(regular))) {
                header(page);
                lines(page);
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
        page.left(bold, TITLE, PageWriter.LEFT, "CREDIT NOTE");
        headerField(page, "Credit note number", text(view.number()));
        headerField(page, "Date", date(view.date()));
        headerField(page, "Credits invoice", text(view.invoiceNumber()));
        headerField(page, "Currency", view.currency());
        page.down(10);
        page.left(bold, BODY, PageWriter.LEFT, "Bill to");
        page.down(ROW);
        page.left(regular, BODY, PageWriter.LEFT, view.accountName());
        page.down(ROW);
        page.left(regular, BODY, PageWriter.LEFT, view.billToEmail());
        page.down(ROW + 6);
        if (view.reason() != null && !view.reason().isBlank()) {
            page.left(bold, BODY, PageWriter.LEFT, "Reason");
            page.leftWithin(regular, BODY, PageWriter.LEFT + 50, REASON_WIDTH, view.reason());
            page.down(ROW);
        }
        page.down(ROW);
    }

    private void headerField(PageWriter page, String label, String value) throws IOException {
        page.left(regular, BODY, HEADER_VALUES_X, label);
        page.right(bold, BODY, PageWriter.RIGHT, value);
        page.down(ROW);
    }

    private void lines(PageWriter page) throws IOException {
        tableHeader(page);
        for (CreditNoteLine line : view.lines()) {
            if (!page.fits(ROW)) {
                page.newPage();
                page.left(bold, BODY, PageWriter.LEFT, "Credit note " + text(view.number()) + " (continued)");
                page.down(2 * ROW);
                tableHeader(page);
            }
            page.left(regular, TABLE, PageWriter.LEFT, text(line.lineId()));
            page.leftWithin(regular, TABLE, DESCRIPTION_X, DESCRIPTION_WIDTH, text(line.chargeName()));
            page.left(regular, TABLE, PERIOD_X, servicePeriod(line));
            page.right(regular, TABLE, TAX_RIGHT, line.tax() == null ? "" : amounts.amount(line.tax()));
            page.right(regular, TABLE, PageWriter.RIGHT, amounts.amount(line.amount()));
            page.down(ROW);
        }
    }

    private void tableHeader(PageWriter page) throws IOException {
        page.left(bold, TABLE, PageWriter.LEFT, "Line");
        page.left(bold, TABLE, DESCRIPTION_X, "Description");
        page.left(bold, TABLE, PERIOD_X, "Service period");
        page.right(bold, TABLE, TAX_RIGHT, "Tax");
        page.right(bold, TABLE, PageWriter.RIGHT, "Amount");
        page.rule();
        page.down(ROW + 4);
    }

    private void totals(PageWriter page) throws IOException {
        if (!page.fits(4 * ROW)) {
            page.newPage();
        }
        page.rule();
        page.down(ROW + 4);
        total(page, regular, "Subtotal", view.subtotal());
        total(page, regular, "Tax", view.taxTotal());
        total(page, bold, "Total credited", view.total());
    }

    private void total(PageWriter page, PDFont font, String label, BigDecimal amount) throws IOException {
        page.right(font, BODY, TAX_RIGHT, label);
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
                footer.showText("Credit note " + new WinAnsiText(regular).sanitize(text(view.number()))
                        + " - Page " + (index + 1) + " of " + count);
                footer.endText();
            }
        }
    }

    /** Inclusive at both ends (functions/billing-core/RULES.md); a one-day period shows its single date. */
    private static String servicePeriod(CreditNoteLine line) {
        LocalDate start = line.servicePeriodStart();
        LocalDate end = line.servicePeriodEnd();
        if (start == null) {
            return "";
        }
        return end == null || end.equals(start) ? date(start) : date(start) + " - " + date(end);
    }

    private static String date(LocalDate day) {
        return day == null ? "" : day.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}

package com.billrun.documents;

import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * A cursor over A4 pages: writes text and rules at the current height, going down, and opens a new page when
 * asked. Every string passes through {@link WinAnsiText} on its way to the page.
 */
final class PageWriter implements AutoCloseable {

    static final float MARGIN = 50;
    static final float LEFT = MARGIN;
    static final float RIGHT = PDRectangle.A4.getWidth() - MARGIN;
    /** Room kept at the bottom for the page footer. */
    private static final float BOTTOM = MARGIN + 20;
    private static final String ELLIPSIS = "...";

    private final PDDocument document;
    private final WinAnsiText text;
    private PDPageContentStream content;
    private float y;

    PageWriter(PDDocument document, WinAnsiText text) throws IOException {
        this.document = document;
        this.text = text;
        newPage();
    }

    void newPage() throws IOException {
        close();
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    /** Whether {@code height} more points fit above the footer. */
    boolean fits(float height) {
        return y - height >= BOTTOM;
    }

    void down(float points) {
        y -= points;
    }

    void left(PDFont font, float size, float x, String value) throws IOException {
        show(font, size, x, text.sanitize(value));
    }

    void right(PDFont font, float size, float rightEdge, String value) throws IOException {
        String shown = text.sanitize(value);
        show(font, size, rightEdge - width(font, size, shown), shown);
    }

    /** Left-aligned and cut with "..." to {@code maxWidth}: a long charge name must not run into the next column. */
    void leftWithin(PDFont font, float size, float x, float maxWidth, String value) throws IOException {
        String shown = text.sanitize(value);
        if (width(font, size, shown) > maxWidth) {
            while (!shown.isEmpty() && width(font, size, shown + ELLIPSIS) > maxWidth) {
                shown = shown.substring(0, shown.length() - 1);
            }
            shown = shown + ELLIPSIS;
        }
        show(font, size, x, shown);
    }

    /** A thin grey line across the page, just below the current height. */
    void rule() throws IOException {
        content.setStrokingColor(0.6f, 0.6f, 0.6f);
        content.setLineWidth(0.5f);
        content.moveTo(LEFT, y - 4);
        content.lineTo(RIGHT, y - 4);
        content.stroke();
    }

    private void show(PDFont font, float size, float x, String shown) throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(shown);
        content.endText();
    }

    private static float width(PDFont font, float size, String shown) throws IOException {
        return font.getStringWidth(shown) / 1000 * size;
    }

    @Override
    public void close() throws IOException {
        if (content != null) {
            content.close();
            content = null;
        }
    }
}

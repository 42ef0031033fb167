package com.billrun.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;

/**
 * PDFBox's default font mapper looks for a system font behind every standard 14 font, and to find one it scans
 * the machine's fonts and writes ~/.pdfbox.cache: seconds on a cold Lambda, whose home is read-only anyway.
 * Our documents only need the standard 14 metrics (built into PDFBox) to lay text out, never glyph outlines, so
 * this mapper answers every request with the Liberation Sans that ships inside PDFBox, parsed once on first use.
 * It is JVM-wide ({@link FontMappers#set}); it suits any process that writes PDFs but does not rasterize them.
 */
final class BundledFontOnly implements FontMapper {

    private static final String LIBERATION_SANS = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private BundledFontOnly() {
    }

    static void install() {
        FontMappers.set(new BundledFontOnly());
    }

    @Override
    public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor descriptor) {
        return new FontMapping<>(Bundled.FONT, false);
    }

    @Override
    public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor descriptor) {
        return new FontMapping<>(Bundled.FONT, false);
    }

    @Override
    public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor descriptor, PDCIDSystemInfo systemInfo) {
        return new CIDFontMapping(null, Bundled.FONT, true);
    }

    /** Loaded when first asked for, once per JVM (class-holder idiom). */
    private static final class Bundled {
        static final TrueTypeFont FONT = load();

        private static TrueTypeFont load() {
            try (InputStream ttf = FontMapper.class.getResourceAsStream(LIBERATION_SANS)) {
                if (ttf == null) {
                    throw new IOException(LIBERATION_SANS + " is missing from the PDFBox jar");
                }
                return new TTFParser().parse(new RandomAccessReadBuffer(ttf));
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
    }
}

package com.billrun.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.Map;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * The standard 14 fonts only encode WinAnsi (Latin-1 and a few more). Rather than fail the document on a
 * customer named "Zoë 株式会社", each character the font cannot show is replaced: by its accent-free letter when
 * it has one ("ő" becomes "o"), else by "?". Embedding a Unicode font would cost megabytes and cold-start time.
 */
final class WinAnsiText {

    /** Letters with a stroke rather than an accent: Unicode gives them no decomposition to fall back on. */
    private static final Map<Integer, String> STROKED = Map.of(
            (int) 'Ł', "L", (int) 'ł', "l", (int) 'Đ', "D", (int) 'đ', "d", (int) 'Ħ', "H", (int) 'ħ', "h",
            (int) 'ı', "i", (int) 'Ŧ', "T", (int) 'ŧ', "t");

    private final PDFont font;

    WinAnsiText(PDFont font) {
        this.font = font;
    }

    String sanitize(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> shown.append(printable(codePoint)));
        return shown.toString();
    }

    private String printable(int codePoint) {
        if (codePoint >= 0x20 && codePoint < 0x7F) {
            return Character.toString(codePoint);
        }
        if (Character.isWhitespace(codePoint) || Character.isISOControl(codePoint)) {
            return " ";
        }
        String character = Character.toString(codePoint);
        if (encodable(character)) {
            return character;
        }
        if (STROKED.containsKey(codePoint)) {
            return STROKED.get(codePoint);
        }
        String base = Normalizer.normalize(character, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return !base.isEmpty() && !base.equals(character) && encodable(base) ? base : "?";
    }

    private boolean encodable(String text) {
        try {
            font.encode(text);
            return true;
        } catch (IllegalArgumentException notInWinAnsi) {
            return false;
        } catch (IOException unreadableFont) {
            throw new UncheckedIOException(unreadableFont);
        }
    }
}

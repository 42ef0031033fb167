package com.billrun.core;

/**
 * Line ids of an invoice (functions/billing-core/RULES.md, Corrections after posting): "1", "2", ... its items'
 * 1-based positions. A posted invoice never changes, so a position names the same line forever; credit notes
 * and the API refer to lines by these ids.
 */
public final class InvoiceLines {

    /** Enough for any invoice the engine writes, and short enough to refuse nonsense before parsing it. */
    private static final int MAX_ID_DIGITS = 6;

    private InvoiceLines() {
    }

    /** The id of the item at {@code index} (0-based). */
    public static String idOf(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("line index " + index + " is negative");
        }
        return Integer.toString(index + 1);
    }

    /**
     * The 0-based index a line id names; refused naming {@code lineId} unless it is written as {@link #idOf}
     * writes it (digits, no sign, no leading zero, at least 1). Whether the invoice has that line is the
     * caller's check.
     */
    public static int indexOf(String lineId) {
        Check.present(lineId, "lineId");
        Check.require(!lineId.isEmpty() && lineId.length() <= MAX_ID_DIGITS && lineId.chars().allMatch(c -> c >= '0' && c <= '9')
                && lineId.charAt(0) != '0', "lineId", "is not a line of the invoice (line ids are \"1\", \"2\", ...)");
        return Integer.parseInt(lineId) - 1;
    }
}

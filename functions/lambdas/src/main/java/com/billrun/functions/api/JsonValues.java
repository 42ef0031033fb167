package com.billrun.functions.api;

import com.billrun.core.RequestLimits;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The formats of single JSON values the API accepts, each refusal naming its field: texts taken as sent (never
 * trimmed), printable and within a length, days that exist, and decimals whose size is checked before any arithmetic.
 */
final class JsonValues {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    /** Dates a bill can carry; outside them date arithmetic is pointless and, near LocalDate's ends, unsafe. */
    private static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

    private JsonValues() {
    }

    /**
     * A text taken exactly as sent, or refused (400) naming its field; never trimmed or repaired: non-empty, within
     * {@code maxLength}, without white space at either end (" A1" is not the id "A1"), and only characters that print
     * as themselves ({@link #unprintable}).
     */
    static String text(String field, JsonNode value, int maxLength) {
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ApiProblem.malformed(field, "must be a non-empty string");
        }
        String text = value.asText();
        if (text.length() > maxLength) {
            throw ApiProblem.invalid(field, "may be at most " + maxLength + " characters long");
        }
        unprintable(text).ifPresent(reason -> {
            throw ApiProblem.malformed(field, reason);
        });
        if (!text.equals(text.strip())) {
            throw ApiProblem.malformed(field, "may not start or end with white space (values are taken as sent, never trimmed)");
        }
        return text;
    }

    /**
     * Why a text would not print as itself on an invoice, an email or a screen, or empty when it would: a lone
     * surrogate (from a JSON escape such as {@code \\ud800}: not Unicode, and stored as '?'), U+FFFD (what a decoder leaves of bytes
     * that were not UTF-8), a control character, a line or paragraph separator, or an invisible format character
     * (Unicode category Cf: bidi overrides and isolates U+202A-U+202E and U+2066-U+2069, marks U+200E/U+200F,
     * zero-width characters, U+FEFF), which can make a name read as another.
     */
    static java.util.Optional<String> unprintable(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int type = Character.getType(c);
            String reason = null;
            if (type == Character.SURROGATE) {
                reason = "is not valid Unicode: it holds a lone surrogate";
            } else if (c == 0xFFFD) {
                reason = "holds U+FFFD, the replacement character a decoder leaves of bytes that are not UTF-8";
            } else if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                reason = "may not contain control characters";
            } else if (type == Character.FORMAT) {
                reason = "may not contain invisible format or bidirectional control characters (U+%04X)".formatted(c);
            }
            if (reason != null) {
                return java.util.Optional.of(reason);
            }
            i += Character.charCount(c);
        }
        return java.util.Optional.empty();
    }

    /** {@code yyyy-MM-dd} of a day that exists (ISO's strict resolver refuses 2024-02-30), 1970 to 2199. */
    static LocalDate date(String field, String text) {
        LocalDate date;
        try {
            date = DATE.matcher(text).matches() ? LocalDate.parse(text) : null;
        } catch (DateTimeParseException e) {
            date = null;
        }
        if (date == null) {
            throw ApiProblem.malformed(field, "must be a date that exists, as yyyy-MM-dd, not " + text);
        }
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw ApiProblem.invalid(field, "must be between " + EARLIEST + " and " + LATEST);
        }
        return date;
    }

    /** A decimal string such as "145.16" or a JSON number, read exactly, at most 12 digits before the point and 6 after. */
    static BigDecimal decimal(String field, JsonNode value) {
        BigDecimal number = null;
        if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isTextual() && value.asText().length() <= RequestLimits.MAX_DECIMAL_LENGTH
                && DECIMAL.matcher(value.asText()).matches()) {
            number = new BigDecimal(value.asText());
        }
        if (number == null) {
            throw ApiProblem.malformed(field, "must be a decimal number as a string, such as \"145.16\"");
        }
        return bounded(field, number);
    }

    /** Digit counts first: precision and scale are known without arithmetic, so 1E+999999999 costs nothing. */
    private static BigDecimal bounded(String field, BigDecimal number) {
        if (number.precision() - number.scale() > RequestLimits.MAX_INTEGER_DIGITS) {
            throw ApiProblem.invalid(field, "has more than " + RequestLimits.MAX_INTEGER_DIGITS + " digits before the decimal point");
        }
        if (number.scale() > RequestLimits.MAX_DECIMAL_LENGTH
                || number.stripTrailingZeros().scale() > RequestLimits.MAX_DECIMAL_PLACES) {
            throw ApiProblem.invalid(field, "has more than " + RequestLimits.MAX_DECIMAL_PLACES + " decimals");
        }
        return number.scale() < 0 ? number.setScale(0) : number;
    }
}

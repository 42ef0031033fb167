package com.billrun.functions.api;

import com.billrun.core.RequestLimits;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The formats of single JSON values the API accepts, each refusal naming its field: texts without control
 * characters and within a length, days that exist, and decimals whose size is checked before any arithmetic.
 */
final class JsonValues {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    /** Dates a bill can carry; outside them date arithmetic is pointless and, near LocalDate's ends, unsafe. */
    private static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

    private JsonValues() {
    }

    static String text(String field, JsonNode value, int maxLength) {
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ApiProblem.malformed(field, "must be a non-empty string");
        }
        String text = value.asText().strip();
        if (text.length() > maxLength) {
            throw ApiProblem.invalid(field, "may be at most " + maxLength + " characters long");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.malformed(field, "may not contain control characters");
        }
        return text;
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

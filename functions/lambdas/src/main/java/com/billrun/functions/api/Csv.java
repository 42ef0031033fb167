package com.billrun.functions.api;

import com.billrun.core.CurrencyUnits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A list answered as CSV (infra/openapi.yaml: the three tabs of a run with {@code Accept: text/csv}): RFC 4180, one
 * header row, one row per item, lines ended by CRLF, a field quoted when it holds a comma, a double quote, CR or LF
 * (a double quote inside is doubled), UTF-8.
 *
 * <p>Cells are typed. An amount is written by us as a plain decimal at its currency's scale ({@code -10.00},
 * {@code 15000}) and a date as ISO {@code yyyy-MM-dd}; they are never altered. A text cell (ids, names, statuses,
 * reasons: anything a user typed or could have typed) that begins with {@code =}, {@code +}, {@code -}, {@code @},
 * a tab or a carriage return is prefixed with {@code '}, so a spreadsheet opening the file shows it as text
 * instead of running it as a formula (OWASP, CSV injection).
 */
final class Csv {

    static final String CONTENT_TYPE = "text/csv; charset=utf-8";
    private static final String CRLF = "\r\n";

    private final StringBuilder text = new StringBuilder();
    private final int columns;

    private Csv(List<String> header) {
        this.columns = header.size();
        List<Cell> cells = new ArrayList<>();
        header.forEach(name -> cells.add(text(name)));
        append(cells);
    }

    static Csv withHeader(String... header) {
        return new Csv(List.of(header));
    }

    /** One row: as many cells as the header has columns. */
    Csv row(Cell... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells under " + columns + " columns");
        }
        append(List.of(cells));
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** One field, already written out. */
    record Cell(String value) {
    }

    /** Free text: neutralised against formulas, quoted as needed; null is an empty field. */
    static Cell text(String value) {
        if (value == null || value.isEmpty()) {
            return new Cell("");
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return new Cell(formula ? "'" + value : value);
    }

    /** An amount in {@code currency}: a plain decimal at the currency's scale; null is an empty field. */
    static Cell amount(BigDecimal value, String currency) {
        if (value == null) {
            return new Cell("");
        }
        BigDecimal scaled = value;
        if (currency != null) {
            try {
                scaled = value.setScale(CurrencyUnits.minorUnits(currency, "currency"), RoundingMode.UNNECESSARY);
            } catch (ArithmeticException | IllegalArgumentException keepAsStored) {
                scaled = value; // never rounded here: the stored amount as it is
            }
        }
        return new Cell(scaled.toPlainString());
    }

    static Cell date(LocalDate value) {
        return new Cell(value == null ? "" : value.toString());
    }

    static Cell number(long value) {
        return new Cell(Long.toString(value));
    }

    /**
     * Whether the client asked for CSV: {@code text/csv} in {@code Accept} with a quality above 0 and above any
     * JSON type it also accepts (a tie goes to whichever it names first). Without it, JSON as always.
     */
    static boolean wanted(ApiRequest request) {
        String accept = request.header("accept").orElse("");
        double csv = 0;
        double json = 0;
        int csvAt = Integer.MAX_VALUE;
        int jsonAt = Integer.MAX_VALUE;
        String[] ranges = accept.split(",");
        for (int i = 0; i < ranges.length; i++) {
            String[] parts = ranges[i].split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double quality = quality(parts);
            if (type.equals("text/csv") && quality > csv) {
                csv = quality;
                csvAt = Math.min(csvAt, i);
            } else if ((type.equals("application/json") || type.equals("application/*")) && quality > json) {
                json = quality;
                jsonAt = Math.min(jsonAt, i);
            }
        }
        return csv > 0 && (csv > json || (csv == json && csvAt < jsonAt));
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String[] pair = parameters[i].split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("q")) {
                try {
                    return Double.parseDouble(pair[1].strip());
                } catch (NumberFormatException notANumber) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private void append(List<Cell> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(quoted(cells.get(i).value()));
        }
        text.append(CRLF);
    }

    private static String quoted(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}

package com.billrun.functions.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSV rules of the run exports: RFC 4180 quoting, the formula guard on text only, amounts at the currency's scale. */
class CsvTest {

    @Test
    void fieldsAreQuotedAsRfc4180SaysAndRowsEndWithCrlf() {
        String csv = Csv.withHeader("a", "b", "c").row(Csv.text("Acme, Inc."), Csv.text("say \"hi\""), Csv.text("two\nlines"))
                .row(Csv.text(null), Csv.text("plain"), Csv.text("cr\rhere")).toString();
        assertEquals("a,b,c\r\n\"Acme, Inc.\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n,plain,\"cr\rhere\"\r\n", csv);
    }

    @Test
    void textThatASpreadsheetWouldRunIsPrefixedAmountsAndDatesNeverAre() {
        for (String formula : new String[] {"=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx"}) {
            assertEquals("'" + formula, Csv.text(formula).value(), formula);
        }
        assertEquals("plain = text", Csv.text("plain = text").value());
        assertEquals("-10.00", Csv.amount(new BigDecimal("-10"), "USD").value());
        assertEquals("15000", Csv.amount(new BigDecimal("15000"), "JPY").value());
        assertEquals("1.500", Csv.amount(new BigDecimal("1.5"), "KWD").value());
        assertEquals("0.0000001", Csv.amount(new BigDecimal("1E-7"), "USD").value(), "never rounded, never in E notation");
        assertEquals("2026-12-01", Csv.date(LocalDate.of(2026, 12, 1)).value());
    }

    @Test
    void csvIsAnsweredOnlyWhenAskedForAndPreferred() {
        assertTrue(wanted("text/csv"));
        assertTrue(wanted("text/csv, application/json;q=0.5"));
        assertTrue(wanted("text/csv;q=0.9, */*;q=0.1"));
        assertTrue(wanted("TEXT/CSV; charset=utf-8"));
        assertFalse(wanted(null));
        assertFalse(wanted("*/*"));
        assertFalse(wanted("application/json"));
        assertFalse(wanted("application/json, text/csv"));
        assertFalse(wanted("text/csv;q=0"));
        assertFalse(wanted("text/csv;q=0.5, application/json"));
    }

    private static boolean wanted(String accept) {
        return Csv.wanted(new ApiRequest(null, Map.of(), Map.of(), accept == null ? Map.of() : Map.of("Accept", accept), null));
    }
}

package com.billrun.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Invoice and credit note numbers (RULES.md, Corrections after posting): prefix, zero padding, overflow. */
class DocumentNumbersTest {

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = ';', textBlock = """
            INV-;  6;  42;                  INV-000042
            CN-;   6;  1;                   CN-000001
            INV-;  6;  999999;              INV-999999
            INV-;  6;  1000000;             INV-1000000
            INV-;  2;  1234;                INV-1234
            2024/; 4;  7;                   2024/0007
            ;      1;  5;                   5
            INV-;  18; 9223372036854775807; INV-9223372036854775807
            """)
    void formats(String prefix, int digits, long n, String expected) {
        assertEquals(expected, DocumentNumbers.format(prefix == null ? "" : prefix, digits, n));
    }

    @ParameterizedTest(name = "{0} {1} {2} refused naming {3}")
    @CsvSource(delimiter = ';', textBlock = """
            INV-;                  0;  1; digits
            INV-;                  19; 1; digits
            INV-;                  6;  0; n
            INV-;                  6;  -1; n
            IN V-;                 6;  1; prefix
            ABCDEFGHIJKLMNOPQRSTU; 6;  1; prefix
            FACTŪRA-;              6;  1; prefix
            """)
    void refuses(String prefix, int digits, long n, String field) {
        assertEquals(field, assertThrows(BillingDataException.class,
                () -> DocumentNumbers.format(prefix, digits, n)).field());
    }
}

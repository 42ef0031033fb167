package com.billrun.core;

/**
 * Invoice and credit note numbers (functions/billing-core/RULES.md, Corrections after posting): a prefix, then the
 * sequence number zero-padded to {@code digits}; a number wider than {@code digits} is printed whole, never cut.
 * Each sequence (invoices, credit notes) is gap-free and never reused; the prefix in force when a number is given
 * is the one it keeps.
 */
public final class DocumentNumbers {

    public static final String DEFAULT_INVOICE_PREFIX = "INV-";
    public static final String DEFAULT_CREDIT_NOTE_PREFIX = "CN-";
    public static final int DEFAULT_DIGITS = 6;
    public static final int MAX_DIGITS = 18;
    public static final int MAX_PREFIX_LENGTH = 20;

    private DocumentNumbers() {
    }

    /** "INV-", 6, 42 gives "INV-000042"; "INV-", 2, 1234 gives "INV-1234". */
    public static String format(String prefix, int digits, long n) {
        checkPrefix(prefix, "prefix");
        checkDigits(digits, "digits");
        Check.require(n >= 1, "n", "document numbers start at 1");
        String number = Long.toString(n);
        return prefix + "0".repeat(Math.max(0, digits - number.length())) + number;
    }

    /**
     * A prefix is 0 to {@value #MAX_PREFIX_LENGTH} printable ASCII characters without spaces ("INV-", "2024/",
     * "" is allowed): what every PDF font, file name and email subject can carry. Refused naming {@code field}.
     */
    public static void checkPrefix(String prefix, String field) {
        Check.present(prefix, field);
        Check.require(prefix.length() <= MAX_PREFIX_LENGTH, field, "is longer than " + MAX_PREFIX_LENGTH + " characters");
        Check.require(prefix.chars().allMatch(c -> c > 0x20 && c < 0x7F), field,
                "may only hold printable ASCII characters without spaces");
    }

    /** Digits are 1 to {@value #MAX_DIGITS}; refused naming {@code field}. */
    public static void checkDigits(int digits, String field) {
        Check.require(digits >= 1 && digits <= MAX_DIGITS, field, "must be between 1 and " + MAX_DIGITS);
    }
}

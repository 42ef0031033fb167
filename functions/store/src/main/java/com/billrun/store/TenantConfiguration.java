package com.billrun.store;

import com.billrun.core.DocumentNumbers;
import com.billrun.core.TenantSettings;
import java.util.regex.Pattern;

/**
 * Everything the tenant's settings item holds (infra/openapi.yaml {@code Settings}): the engine's
 * {@link TenantSettings}, how documents are numbered (a prefix of 0-10 letters, digits, '-', '/' or '_', then the
 * number zero-padded to {@code numberDigits}, 1-12) and whether account credit is applied to the next posted
 * invoices by itself. A prefix or width change applies to the next number given; numbers given keep their text.
 */
public record TenantConfiguration(TenantSettings billing, String invoiceNumberPrefix, String creditNoteNumberPrefix,
                                  int numberDigits, boolean applyCreditAutomatically) {

    public static final String DEFAULT_INVOICE_PREFIX = DocumentNumbers.DEFAULT_INVOICE_PREFIX;
    public static final String DEFAULT_CREDIT_NOTE_PREFIX = DocumentNumbers.DEFAULT_CREDIT_NOTE_PREFIX;
    public static final int DEFAULT_DIGITS = DocumentNumbers.DEFAULT_DIGITS;
    public static final int MAX_DIGITS = 12;
    public static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9/_-]{0,10}");
    public static final TenantConfiguration DEFAULTS = new TenantConfiguration(TenantSettings.DEFAULTS,
            DEFAULT_INVOICE_PREFIX, DEFAULT_CREDIT_NOTE_PREFIX, DEFAULT_DIGITS, true);

    public TenantConfiguration {
        billing = billing == null ? TenantSettings.DEFAULTS : billing;
        invoiceNumberPrefix = invoiceNumberPrefix == null ? DEFAULT_INVOICE_PREFIX : invoiceNumberPrefix;
        creditNoteNumberPrefix = creditNoteNumberPrefix == null ? DEFAULT_CREDIT_NOTE_PREFIX : creditNoteNumberPrefix;
        if (!PREFIX.matcher(invoiceNumberPrefix).matches() || !PREFIX.matcher(creditNoteNumberPrefix).matches()) {
            throw new IllegalArgumentException("a number prefix is 0-10 letters, digits, '-', '/' or '_'");
        }
        if (numberDigits < 1 || numberDigits > MAX_DIGITS) {
            throw new IllegalArgumentException("numberDigits must be 1-" + MAX_DIGITS);
        }
    }

    public TenantConfiguration withBilling(TenantSettings settings) {
        return new TenantConfiguration(settings, invoiceNumberPrefix, creditNoteNumberPrefix, numberDigits,
                applyCreditAutomatically);
    }

    /** The text of invoice number {@code n}. */
    public String invoiceNumber(long n) {
        return format(invoiceNumberPrefix, n);
    }

    /** The text of credit-note number {@code n}. */
    public String creditNoteNumber(long n) {
        return format(creditNoteNumberPrefix, n);
    }

    private String format(String prefix, long n) {
        return DocumentNumbers.format(prefix, numberDigits, n);
    }
}

package com.billrun.core;

/** Invalid billing data; {@link #field()} names the offending field (e.g. {@code charges[1].price}). */
public final class BillingDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String field;

    public BillingDataException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 2);
    }

    /** The same problem, located inside a list element (e.g. {@code subscriptions[2].}). */
    BillingDataException within(String prefix) {
        return new BillingDataException(prefix + field, reason());
    }
}

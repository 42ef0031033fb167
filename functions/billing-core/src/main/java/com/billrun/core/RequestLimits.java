package com.billrun.core;

/**
 * Bounds on what one API request may carry (infra/openapi.yaml: sizes and counts bounded). They keep every
 * request within one DynamoDB item (400 KB) or transaction (100 items) and keep hostile input cheap to refuse:
 * a decimal such as {@code 1E+999999999} is refused by its digit count before any arithmetic touches it.
 * infra/openapi.yaml states the same numbers.
 */
public final class RequestLimits {

    /** Largest request body; API Gateway would take 10 MB, no route of ours needs more than this. */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    /** Deepest JSON nesting a valid body has is 5 (subscription, charges, charge, tiers, tier). */
    public static final int MAX_JSON_DEPTH = 10;
    /** Digits before the decimal point of an amount, a price or a quantity (999,999,999,999). */
    public static final int MAX_INTEGER_DIGITS = 12;
    /** Length of a decimal string, sign, point and 6 decimals included. */
    public static final int MAX_DECIMAL_LENGTH = 24;
    /** Ids given by clients or echoed back (account, subscription, charge, invoice ids). */
    public static final int MAX_ID_LENGTH = 64;

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_ID_LENGTH + "}");

    /** An id clients may send or see: letters, digits, '.', '_' and '-' (the store's keys use '#' as separator). */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }
    /** Account, charge and schedule names as printed on an invoice. */
    public static final int MAX_NAME_LENGTH = 200;
    /** RFC 5321's limit of a forward path. */
    public static final int MAX_EMAIL_LENGTH = 254;
    /** Stripe's limit of an Idempotency-Key. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    /** Explicit account ids of one bill run: the selection is stored as one item. */
    public static final int MAX_ACCOUNT_IDS_PER_RUN = 1000;
    /** Batch names one bill run may select. */
    public static final int MAX_BATCHES_PER_RUN = 100;
    /** Charges of one subscription, tiers of one charge. */
    public static final int MAX_CHARGES_PER_SUBSCRIPTION = 50;
    public static final int MAX_TIERS_PER_CHARGE = 20;
    /** Usage records posted in one request. */
    public static final int MAX_USAGE_RECORDS_PER_REQUEST = 1000;
    /** Cursor pagination: {@code limit} is 1..MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE when absent. */
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 100;
    /** Decimals of a unit price, a quantity or a tier bound (functions/billing-core/RULES.md); amounts are held to their currency. */
    public static final int MAX_DECIMAL_PLACES = 6;
    /** A schedule expression such as {@code cron(0 2 1 * ? *)} is far shorter. */
    public static final int MAX_SCHEDULE_EXPRESSION_LENGTH = 256;

    private RequestLimits() {
    }
}

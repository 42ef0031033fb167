package com.billrun.store;

import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Per-tenant sequences ({@code T#{t}} / {@code COUNTER#{name}}, attribute {@code last}: the last number given,
 * 0 when the item is absent). A number is taken in the same transaction as the item that carries it, conditioned
 * on the value read, so a refused or failed write takes no number: the sequences have no gaps.
 */
public final class Counters {

    public static final String BILL_RUN = "BILL_RUN";
    public static final String INVOICE = "INVOICE";
    public static final String CREDIT_NOTE = "CREDIT_NOTE";
    private static final String LAST = "last";

    private final Table table;

    public Counters(Table table) {
        this.table = table;
    }

    /** The last number given (0 before the first). */
    public long last(String tenantId, String counter) {
        return table.get(Keys.counter(tenantId, counter)).map(item -> item.numberOrZero(LAST)).orElse(0L);
    }

    /**
     * The write that takes numbers {@code read + 1 .. read + count}: refused (the transaction cancelled) when
     * somebody else took numbers since {@code read} was read.
     */
    public TransactWriteItem advance(String tenantId, String counter, long read, long count) {
        return table.updateAction(Keys.counter(tenantId, counter), "SET #last = :next",
                read == 0 ? "attribute_not_exists(#last) OR #last = :read" : "#last = :read",
                Map.of("#last", LAST),
                Map.of(":next", AttributeValue.fromN(Long.toString(read + count)),
                        ":read", AttributeValue.fromN(Long.toString(read))));
    }
}

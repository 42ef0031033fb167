package com.billrun.store.dynamodb;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A generous estimate of the bytes a write sends (names plus values, strings counted as UTF-8 at up to 3 bytes a
 * character), to keep a transaction inside DynamoDB's 4 MB without serialising it first.
 */
public final class ItemSize {

    private ItemSize() {
    }

    public static long of(TransactWriteItem write) {
        if (write.put() != null) {
            return of(write.put().item());
        }
        if (write.update() != null) {
            return of(write.update().key()) + of(write.update().expressionAttributeValues())
                    + write.update().updateExpression().length();
        }
        if (write.delete() != null) {
            return of(write.delete().key());
        }
        return write.conditionCheck() != null ? of(write.conditionCheck().key()) : 0;
    }

    public static long of(Map<String, AttributeValue> attributes) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
            bytes += attribute.getKey().length() + of(attribute.getValue());
        }
        return bytes;
    }

    private static long of(AttributeValue value) {
        if (value.s() != null) {
            return 3L * value.s().length();
        }
        if (value.n() != null) {
            return value.n().length();
        }
        if (value.b() != null) {
            return value.b().asByteArrayUnsafe().length;
        }
        if (value.hasM()) {
            return 3 + of(value.m());
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToLong(ItemSize::of).sum();
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(s -> 3L * s.length()).sum();
        }
        return 1;
    }
}

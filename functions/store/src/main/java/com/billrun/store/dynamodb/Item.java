package com.billrun.store.dynamodb;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds an item's attributes the way the table stores them (DATA-MODEL.md): amounts as decimal strings, never
 * floats or DynamoDB numbers, so "145.10" keeps its scale; dates {@code yyyy-MM-dd}; instants ISO-8601 UTC. Null
 * values are left out, so an absent attribute always means "not set".
 */
public final class Item {

    private final Map<String, AttributeValue> attributes = new LinkedHashMap<>();

    private Item() {
    }

    public static Item at(ItemKey key) {
        return new Item().string(Keys.PK, key.pk()).string(Keys.SK, key.sk());
    }

    /** A nested map (e.g. an invoice line), which has no key. */
    public static Item nested() {
        return new Item();
    }

    public Item string(String name, String value) {
        return put(name, value, AttributeValue::fromS);
    }

    public Item number(String name, Long value) {
        return put(name, value, v -> AttributeValue.fromN(Long.toString(v)));
    }

    public Item integer(String name, Integer value) {
        return put(name, value, v -> AttributeValue.fromN(Integer.toString(v)));
    }

    public Item bool(String name, Boolean value) {
        return put(name, value, AttributeValue::fromBool);
    }

    public Item amount(String name, BigDecimal value) {
        return put(name, value, v -> AttributeValue.fromS(v.toPlainString()));
    }

    public Item date(String name, LocalDate value) {
        return put(name, value, v -> AttributeValue.fromS(v.toString()));
    }

    public Item instant(String name, Instant value) {
        return put(name, value, v -> AttributeValue.fromS(v.toString()));
    }

    public Item strings(String name, List<String> values) {
        return put(name, values, v -> AttributeValue.fromL(v.stream().map(AttributeValue::fromS).toList()));
    }

    public Item maps(String name, List<Map<String, AttributeValue>> values) {
        return put(name, values, v -> AttributeValue.fromL(v.stream().map(AttributeValue::fromM).toList()));
    }

    public Item map(String name, Map<String, AttributeValue> value) {
        return put(name, value, AttributeValue::fromM);
    }

    public Item attribute(String name, AttributeValue value) {
        return put(name, value, Function.identity());
    }

    public Item index1(String pk, String sk) {
        return string(Keys.GSI1PK, pk).string(Keys.GSI1SK, sk);
    }

    public Item index2(String pk, String sk) {
        return string(Keys.GSI2PK, pk).string(Keys.GSI2SK, sk);
    }

    public Map<String, AttributeValue> build() {
        return Map.copyOf(attributes);
    }

    private <T> Item put(String name, T value, Function<T, AttributeValue> convert) {
        if (value != null) {
            attributes.put(name, convert.apply(value));
        }
        return this;
    }
}

package com.billrun.store.dynamodb;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads an item written with {@link Item}: absent attributes read as null (or empty lists). */
public record ItemReader(Map<String, AttributeValue> attributes) {

    public static ItemReader of(Map<String, AttributeValue> attributes) {
        return new ItemReader(attributes);
    }

    public boolean has(String name) {
        return attributes.containsKey(name);
    }

    public String string(String name) {
        return read(name, AttributeValue::s);
    }

    public Long number(String name) {
        return read(name, v -> Long.valueOf(v.n()));
    }

    public long numberOrZero(String name) {
        Long value = number(name);
        return value == null ? 0 : value;
    }

    public Integer integer(String name) {
        return read(name, v -> Integer.valueOf(v.n()));
    }

    public boolean bool(String name) {
        return Boolean.TRUE.equals(read(name, AttributeValue::bool));
    }

    public BigDecimal amount(String name) {
        return read(name, v -> new BigDecimal(v.s()));
    }

    public LocalDate date(String name) {
        return read(name, v -> LocalDate.parse(v.s()));
    }

    public Instant instant(String name) {
        return read(name, v -> Instant.parse(v.s()));
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        return read(name, v -> Enum.valueOf(type, v.s()));
    }

    public List<String> strings(String name) {
        List<String> values = read(name, v -> v.l().stream().map(AttributeValue::s).toList());
        return values == null ? List.of() : values;
    }

    public List<ItemReader> maps(String name) {
        List<ItemReader> values = read(name, v -> v.l().stream().map(e -> new ItemReader(e.m())).toList());
        return values == null ? List.of() : values;
    }

    public Map<String, AttributeValue> map(String name) {
        Map<String, AttributeValue> value = read(name, AttributeValue::m);
        return value == null ? Map.of() : value;
    }

    private <T> T read(String name, Function<AttributeValue, T> convert) {
        AttributeValue value = attributes.get(name);
        return value == null || Boolean.TRUE.equals(value.nul()) ? null : convert.apply(value);
    }
}

package com.billrun.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One page of a listing and the opaque cursor of the next ({@code null} on the last page). The cursor encodes the
 * query's last key; it is only ever used with the same tenant's query, whose key condition still applies, so a
 * forged cursor cannot reach another tenant's items.
 */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    static String cursor(Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        lastKey.forEach((name, value) -> text.append(name).append('\n').append(value.s()).append('\n'));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> startKey(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String[] lines;
        try {
            lines = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not valid");
        }
        if (lines.length % 2 != 0) {
            throw new IllegalArgumentException("cursor is not valid");
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i += 2) {
            key.put(lines[i], AttributeValue.fromS(lines[i + 1]));
        }
        return key;
    }
}

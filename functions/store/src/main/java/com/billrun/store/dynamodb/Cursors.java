package com.billrun.store.dynamodb;

import com.billrun.store.InvalidCursorException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A listing's opaque cursor: the query's last key, base64. It is only ever used with the same tenant's query,
 * whose key condition still applies, so a forged cursor cannot reach another tenant's items.
 */
final class Cursors {

    private Cursors() {
    }

    static String of(Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        lastKey.forEach((name, value) -> text.append(name).append('\n').append(value.s()).append('\n'));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The key a query resumes after; null for no cursor (the first page). */
    static Map<String, AttributeValue> startKey(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String[] lines;
        try {
            lines = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n");
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
        if (lines.length % 2 != 0) {
            throw new InvalidCursorException();
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i += 2) {
            key.put(lines[i], AttributeValue.fromS(lines[i + 1]));
        }
        return key;
    }
}

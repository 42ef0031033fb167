package com.billrun.functions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stream handlers' JSON ({@link TaskHandler}, {@link SqsBatchHandler}): jackson-core's streaming parser and
 * generator only, a few dozen classes, instead of an object mapper. Reads as the Lambda runtime's mapper reads
 * into a {@code Map<String, Object>}: objects as maps in document order, arrays as lists, integral numbers as
 * Integer/Long/BigInteger, other numbers as Double.
 */
public final class StreamJson {

    private static final JsonFactory JSON = new JsonFactory();

    private StreamJson() {
    }

    /** The event, a JSON object, as a map; null for a JSON null or nothing. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(InputStream input) throws IOException {
        try (JsonParser parser = JSON.createParser(input)) {
            JsonToken first = parser.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                return null;
            }
            if (first != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the event is not a JSON object but " + first);
            }
            return (Map<String, Object>) value(parser);
        }
    }

    private static Object value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                    parser.nextToken();
                    object.put(field, value(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("unexpected JSON token " + parser.currentToken());
        };
    }

    /** A value read from an event as the events library types it: its text (a number becomes its digits); null stays null. */
    public static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A map read from an event as a map of strings ({@link #text} of each value); null if it is not a map. */
    public static Map<String, String> texts(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        map.forEach((name, item) -> texts.put(String.valueOf(name), text(item)));
        return texts;
    }

    /** {@code value} (maps, lists, strings, numbers, booleans, enums, null) as JSON. */
    public static void write(Object value, OutputStream output) throws IOException {
        try (JsonGenerator generator = JSON.createGenerator(output)) {
            write(generator, value);
        }
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        switch (value) {
            case null -> generator.writeNull();
            case Map<?, ?> object -> {
                generator.writeStartObject();
                for (var entry : object.entrySet()) {
                    generator.writeFieldName(String.valueOf(entry.getKey()));
                    write(generator, entry.getValue());
                }
                generator.writeEndObject();
            }
            case Iterable<?> array -> {
                generator.writeStartArray();
                for (Object item : array) {
                    write(generator, item);
                }
                generator.writeEndArray();
            }
            case CharSequence text -> generator.writeString(text.toString());
            case Enum<?> constant -> generator.writeString(constant.name());
            case Boolean flag -> generator.writeBoolean(flag);
            case Integer number -> generator.writeNumber(number);
            case Long number -> generator.writeNumber(number);
            case Short number -> generator.writeNumber(number);
            case Double number -> generator.writeNumber(number);
            case Float number -> generator.writeNumber(number);
            case BigInteger number -> generator.writeNumber(number);
            case BigDecimal number -> generator.writeNumber(number);
            default -> throw new IllegalArgumentException("no JSON for a " + value.getClass().getName() + " in an answer");
        }
    }
}

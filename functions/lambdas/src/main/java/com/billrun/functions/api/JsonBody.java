package com.billrun.functions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a JSON request body field by field, so that every rejection names its field (nested ones as
 * {@code charges[1].price}): a wrong type or format is 400, a missing or out-of-range value 422, and a field
 * nobody asked for is 400 too (a typo such as {@code autopost} must not silently mean "false").
 */
public final class JsonBody {

    private final ObjectNode node;
    private final String prefix;
    private final Set<String> read = new HashSet<>();

    private JsonBody(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    static JsonBody parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.malformed(null, "a JSON object body is required");
        }
        try {
            JsonNode parsed = ApiJson.MAPPER.readTree(body);
            if (parsed instanceof ObjectNode object) {
                return new JsonBody(object, "");
            }
        } catch (JsonProcessingException e) {
            throw ApiProblem.malformed(null, "the body is not valid JSON: " + e.getOriginalMessage());
        }
        throw ApiProblem.malformed(null, "the body must be a JSON object");
    }

    public String requiredString(String name) {
        return string(name).orElseThrow(() -> missing(name));
    }

    public Optional<String> string(String name) {
        return value(name).map(value -> {
            if (!value.isTextual() || value.asText().isBlank()) {
                throw ApiProblem.malformed(path(name), "must be a non-empty string");
            }
            return value.asText().strip();
        });
    }

    public LocalDate requiredDate(String name) {
        return date(name).orElseThrow(() -> missing(name));
    }

    public Optional<LocalDate> date(String name) {
        return string(name).map(text -> {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw ApiProblem.malformed(path(name), "must be a date as yyyy-MM-dd, not " + text);
            }
        });
    }

    public int requiredInteger(String name, int min, int max) {
        return integer(name, min, max).orElseThrow(() -> missing(name));
    }

    public Optional<Integer> integer(String name, int min, int max) {
        return value(name).map(value -> {
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw ApiProblem.malformed(path(name), "must be a whole number");
            }
            int number = value.asInt();
            if (number < min || number > max) {
                throw ApiProblem.invalid(path(name), "must be between " + min + " and " + max);
            }
            return number;
        });
    }

    /** Amounts travel as decimal strings ("145.16"); a JSON number is accepted too, read exactly. */
    public Optional<BigDecimal> decimal(String name) {
        return value(name).map(value -> {
            try {
                if (value.isNumber()) {
                    return value.decimalValue();
                }
                if (value.isTextual()) {
                    return new BigDecimal(value.asText().strip());
                }
            } catch (NumberFormatException e) {
                // reported below with the field's name
            }
            throw ApiProblem.malformed(path(name), "must be a decimal number such as \"145.16\"");
        });
    }

    public boolean flag(String name) {
        return value(name).map(value -> {
            if (!value.isBoolean()) {
                throw ApiProblem.malformed(path(name), "must be true or false");
            }
            return value.asBoolean();
        }).orElse(false);
    }

    public List<String> strings(String name) {
        List<String> values = new ArrayList<>();
        elements(name).forEachRemaining(element -> {
            if (!element.isTextual() || element.asText().isBlank()) {
                throw ApiProblem.malformed(path(name) + "[" + values.size() + "]", "must be a non-empty string");
            }
            values.add(element.asText().strip());
        });
        return values;
    }

    public <E extends Enum<E>> Optional<E> enumValue(String name, Class<E> type) {
        return string(name).map(text -> parseEnum(path(name), text, type));
    }

    public <E extends Enum<E>> Set<E> enumSet(String name, Class<E> type) {
        Set<E> values = EnumSet.noneOf(type);
        List<String> texts = strings(name);
        for (int i = 0; i < texts.size(); i++) {
            values.add(parseEnum(path(name) + "[" + i + "]", texts.get(i), type));
        }
        return values;
    }

    public Optional<JsonBody> object(String name) {
        return value(name).map(value -> {
            if (!(value instanceof ObjectNode object)) {
                throw ApiProblem.malformed(path(name), "must be an object");
            }
            return new JsonBody(object, path(name) + ".");
        });
    }

    public List<JsonBody> objects(String name) {
        List<JsonBody> objects = new ArrayList<>();
        elements(name).forEachRemaining(element -> {
            String elementPath = path(name) + "[" + objects.size() + "]";
            if (!(element instanceof ObjectNode object)) {
                throw ApiProblem.malformed(elementPath, "must be an object");
            }
            objects.add(new JsonBody(object, elementPath + "."));
        });
        return objects;
    }

    public boolean has(String name) {
        return node.hasNonNull(name);
    }

    /** Call after reading every field the route knows; whatever is left was not asked for. */
    public void rejectUnknownFields() {
        node.fieldNames().forEachRemaining(name -> {
            if (!read.contains(name)) {
                throw ApiProblem.malformed(path(name), "is not a field of this request");
            }
        });
    }

    public String path(String name) {
        return prefix + name;
    }

    public ApiProblem missing(String name) {
        return ApiProblem.invalid(path(name), "is required");
    }

    private Optional<JsonNode> value(String name) {
        read.add(name);
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private Iterator<JsonNode> elements(String name) {
        return value(name).map(value -> {
            if (!value.isArray()) {
                throw ApiProblem.malformed(path(name), "must be an array");
            }
            return value.elements();
        }).orElse(java.util.Collections.emptyIterator());
    }

    private static <E extends Enum<E>> E parseEnum(String field, String text, Class<E> type) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.malformed(field, "must be one of " + EnumSet.allOf(type));
        }
    }
}

package com.billrun.functions.api;

import com.billrun.core.RequestLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a JSON request body field by field, so that every rejection names its field (nested ones as
 * {@code charges[1].price}): a wrong type or format is 400, a missing or out-of-range value 422, and a field
 * nobody asked for is 400 too (a typo such as {@code autopost} must not silently mean "false"). Hostile input is
 * refused before any work: bodies over 256 KiB, nesting over 10 levels, duplicate keys, and numbers such as
 * {@code 1E+999999999}, whose size is checked before any arithmetic touches them (RequestLimits).
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
        if (tree(body) instanceof ObjectNode object) {
            return new JsonBody(object, "");
        }
        throw ApiProblem.malformed(null, "the body must be a JSON object");
    }

    /** A body that is one object or a list of them (e.g. usage records); list elements are named {@code [i].field}. */
    static List<JsonBody> parseOneOrMany(String body, int maxItems) {
        JsonNode tree = tree(body);
        if (tree instanceof ObjectNode object) {
            return List.of(new JsonBody(object, ""));
        }
        if (tree instanceof ArrayNode array) {
            if (array.isEmpty() || array.size() > maxItems) {
                throw ApiProblem.invalid(null, "the list must hold 1 to " + maxItems + " objects");
            }
            return objectsOf(array, "");
        }
        throw ApiProblem.malformed(null, "the body must be a JSON object or a list of objects");
    }

    private static JsonNode tree(String body) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.malformed(null, "a JSON body is required");
        }
        if (body.length() > RequestLimits.MAX_BODY_BYTES
                || body.getBytes(StandardCharsets.UTF_8).length > RequestLimits.MAX_BODY_BYTES) {
            throw ApiProblem.malformed(null, "the body is larger than " + RequestLimits.MAX_BODY_BYTES + " bytes");
        }
        try {
            return ApiJson.REQUEST_READER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiProblem.malformed(null, "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public String requiredString(String name) {
        return string(name).orElseThrow(() -> missing(name));
    }

    public String requiredString(String name, int maxLength) {
        return string(name, maxLength).orElseThrow(() -> missing(name));
    }

    /** A string of at most {@link RequestLimits#MAX_NAME_LENGTH} characters. */
    public Optional<String> string(String name) {
        return string(name, RequestLimits.MAX_NAME_LENGTH);
    }

    public Optional<String> string(String name, int maxLength) {
        return value(name).map(value -> JsonValues.text(path(name), value, maxLength));
    }

    /** A string that may be empty (e.g. a number prefix of none), otherwise checked as {@link #string(String, int)}. */
    public Optional<String> stringOrEmpty(String name, int maxLength) {
        return value(name).map(value -> value.isTextual() && value.asText().isEmpty() ? ""
                : JsonValues.text(path(name), value, maxLength));
    }

    public LocalDate requiredDate(String name) {
        return date(name).orElseThrow(() -> missing(name));
    }

    /** A day that exists ({@code 2024-02-30} is refused), as {@code yyyy-MM-dd}, between 1970 and 2199. */
    public Optional<LocalDate> date(String name) {
        return string(name).map(text -> JsonValues.date(path(name), text));
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

    public BigDecimal requiredDecimal(String name) {
        return decimal(name).orElseThrow(() -> missing(name));
    }

    /**
     * Amounts travel as decimal strings ("145.16"); a JSON number is accepted too, read exactly. At most 12 digits
     * before the point and 6 after it (a currency's own scale is checked where the currency is known).
     */
    public Optional<BigDecimal> decimal(String name) {
        return value(name).map(value -> JsonValues.decimal(path(name), value));
    }

    public boolean flag(String name) {
        return value(name).map(value -> {
            if (!value.isBoolean()) {
                throw ApiProblem.malformed(path(name), "must be true or false");
            }
            return value.asBoolean();
        }).orElse(false);
    }

    public Optional<Boolean> optionalFlag(String name) {
        return value(name).map(value -> flag(name));
    }

    public List<String> strings(String name) {
        return strings(name, RequestLimits.MAX_ACCOUNT_IDS_PER_RUN);
    }

    public List<String> strings(String name, int maxItems) {
        List<String> values = new ArrayList<>();
        for (JsonNode element : elements(name, maxItems)) {
            values.add(JsonValues.text(path(name) + "[" + values.size() + "]", element, RequestLimits.MAX_NAME_LENGTH));
        }
        return values;
    }

    public <E extends Enum<E>> Optional<E> enumValue(String name, Class<E> type) {
        return string(name).map(text -> parseEnum(path(name), text, type));
    }

    public <E extends Enum<E>> Set<E> enumSet(String name, Class<E> type) {
        Set<E> values = EnumSet.noneOf(type);
        List<String> texts = strings(name, EnumSet.allOf(type).size());
        for (int i = 0; i < texts.size(); i++) {
            if (!values.add(parseEnum(path(name) + "[" + i + "]", texts.get(i), type))) {
                throw ApiProblem.invalid(path(name) + "[" + i + "]", "lists " + texts.get(i) + " twice");
            }
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

    public List<JsonBody> objects(String name, int maxItems) {
        return objectsOf(elements(name, maxItems), path(name));
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

    private ArrayNode elements(String name, int maxItems) {
        return value(name).map(value -> {
            if (!(value instanceof ArrayNode array)) {
                throw ApiProblem.malformed(path(name), "must be an array");
            }
            if (array.size() > maxItems) {
                throw ApiProblem.invalid(path(name), "may hold at most " + maxItems + " items");
            }
            return array;
        }).orElseGet(ApiJson.MAPPER::createArrayNode);
    }

    private static List<JsonBody> objectsOf(ArrayNode array, String path) {
        List<JsonBody> objects = new ArrayList<>();
        for (JsonNode element : array) {
            String elementPath = path + "[" + objects.size() + "]";
            if (!(element instanceof ObjectNode object)) {
                throw ApiProblem.malformed(elementPath, "must be an object");
            }
            objects.add(new JsonBody(object, elementPath + "."));
        }
        return objects;
    }

    private static <E extends Enum<E>> E parseEnum(String field, String text, Class<E> type) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.malformed(field, "must be one of " + EnumSet.allOf(type));
        }
    }
}

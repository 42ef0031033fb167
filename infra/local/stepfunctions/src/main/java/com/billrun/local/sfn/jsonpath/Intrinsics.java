package com.billrun.local.sfn.jsonpath;

import com.billrun.local.sfn.Json;
import com.billrun.local.sfn.StatesError;
import com.billrun.local.sfn.jsonpath.IntrinsicCall.Argument;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Evaluates intrinsic functions as the AWS "Intrinsic functions for JSONPath states" page specifies them. A
 * failure is reported as States.Runtime: "States.IntrinsicFailure — reserved for future use. Intrinsic function
 * processing errors are reported with the States.Runtime error name" (Handling errors, Error names).
 */
public final class Intrinsics {
    private static final int MAX_ARRAY_RANGE = 1000;

    private Intrinsics() {
    }

    public static JsonNode evaluate(IntrinsicCall call, JsonNode data, JsonNode context) {
        List<JsonNode> args = new ArrayList<>();
        for (Argument argument : call.arguments()) {
            args.add(switch (argument) {
                case IntrinsicCall.StringLiteral literal -> TextNode.valueOf(literal.value());
                case IntrinsicCall.Literal literal -> literal.value();
                case IntrinsicCall.PathArgument path -> JsonPaths.read(path.path(), data, context);
                case IntrinsicCall.Nested nested -> evaluate(nested.call(), data, context);
            });
        }
        return switch (call.name()) {
            case "States.Format" -> format(call, args);
            case "States.StringToJson" -> stringToJson(call, args);
            case "States.JsonToString" -> jsonToString(call, args);
            case "States.Array" -> Json.MAPPER.createArrayNode().addAll(args);
            case "States.ArrayPartition" -> partition(call, args);
            case "States.ArrayContains" -> arrayContains(call, args);
            case "States.ArrayRange" -> range(call, args);
            case "States.ArrayGetItem" -> arrayGetItem(call, args);
            case "States.ArrayLength" -> arrayLength(call, args);
            case "States.ArrayUnique" -> arrayUnique(call, args);
            case "States.Base64Encode" -> base64Encode(call, args);
            case "States.Base64Decode" -> base64Decode(call, args);
            case "States.Hash" -> hash(call, args);
            case "States.JsonMerge" -> merge(call, args);
            case "States.MathRandom" -> random(call, args);
            case "States.MathAdd" -> mathAdd(call, args);
            case "States.StringSplit" -> stringSplit(call, args);
            case "States.UUID" -> uuid(call, args);
            default -> throw fail(call, "unsupported");
        };
    }

    private static JsonNode stringToJson(IntrinsicCall call, List<JsonNode> args) {
        arity(call, args, 1);
        try {
            return Json.parse(text(call, args, 0));
        } catch (IllegalArgumentException e) {
            throw fail(call, e.getMessage());
        }
    }

    private static JsonNode jsonToString(IntrinsicCall call, List<JsonNode> args) {
        arity(call, args, 1);
        return TextNode.valueOf(Json.write(args.getFirst()));
    }

    private static JsonNode arrayContains(IntrinsicCall call, List<JsonNode> args) {
        arity(call, args, 2);
        return Json.MAPPER.getNodeFactory().booleanNode(contains(array(call, args, 0), args.get(1)));
    }

    private static JsonNode arrayGetItem(IntrinsicCall call, List<JsonNode> args) {
        arity(call, args, 2);
        ArrayNode array = array(call, args, 0);
        int index = integer(call, args, 1);
        if (index < 0 || index >= array.size()) {
            throw fail(call, "index " + index + " is outside the array of " + array.size());
        }
        return array.get(index);
    }

    private static JsonNode arrayLength(IntrinsicCall call, List<JsonNode> args) {
        arity(call, args, 1);
        return IntNode.valueOf(array(call, args, 0).size());
    }

    private static JsonNode arrayUnique(IntrinsicCall call, List<JsonNode> args) {
        arity(call, args, 1);
        ArrayNode unique = Json.MAPPER.createArrayNode();
        LinkedHashSet<JsonNode> seen = new LinkedHashSet<>();
        array(call, args, 0).forEach(seen::add);
        seen.forEach(unique::add);
        return unique;
    }

    private static JsonNode base64Encode(IntrinsicCall call, List<JsonNode> args) {
        arity(call, args, 1);
        return TextNode.valueOf(Base64.getEncoder().encodeToString(text(call, args, 0).getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode base64Decode(IntrinsicCall call, List<JsonNode> args) {
        arity(call, args, 1);
        try {
            return TextNode.valueOf(new String(Base64.getDecoder().decode(text(call, args, 0)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw fail(call, "not Base64: " + e.getMessage());
        }
    }

    /**
     * "If you specify a non-integer value for one or both the arguments, Step Functions will round it to the nearest
     * integer" (Intrinsic functions, States.MathAdd,
     * https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html).
     */
    private static JsonNode mathAdd(IntrinsicCall call, List<JsonNode> args) {
        arity(call, args, 2);
        return IntNode.valueOf(Math.addExact(rounded(call, args, 0), rounded(call, args, 1)));
    }

    private static int rounded(IntrinsicCall call, List<JsonNode> args, int index) {
        JsonNode value = args.get(index);
        if (!value.isNumber()) {
            throw fail(call, "argument " + (index + 1) + " must be a number, got " + value);
        }
        long nearest = Math.round(value.doubleValue());
        if (nearest < Integer.MIN_VALUE || nearest > Integer.MAX_VALUE) {
            throw fail(call, "argument " + (index + 1) + " is out of the integer range: " + value);
        }
        return (int) nearest;
    }

    private static JsonNode stringSplit(IntrinsicCall call, List<JsonNode> args) {
        arity(call, args, 2);
        ArrayNode parts = Json.MAPPER.createArrayNode();
        String delimiters = text(call, args, 1);
        StringBuilder current = new StringBuilder();
        for (char c : text(call, args, 0).toCharArray()) {
            if (delimiters.indexOf(c) >= 0) {
                addIfNotEmpty(parts, current);
            } else {
                current.append(c);
            }
        }
        addIfNotEmpty(parts, current);
        return parts;
    }

    private static JsonNode uuid(IntrinsicCall call, List<JsonNode> args) {
        arity(call, args, 0);
        return TextNode.valueOf(UUID.randomUUID().toString());
    }

    private static void addIfNotEmpty(ArrayNode parts, StringBuilder current) {
        if (!current.isEmpty()) {
            parts.add(current.toString());
        }
        current.setLength(0);
    }

    /** "{}" is a placeholder, "\{" and "\}" literal braces; arguments must be strings, numbers, booleans or null. */
    private static JsonNode format(IntrinsicCall call, List<JsonNode> args) {
        if (args.isEmpty()) {
            throw fail(call, "needs a template");
        }
        String template = call.arguments().getFirst() instanceof IntrinsicCall.StringLiteral literal
                ? literal.raw() : text(call, args, 0);
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw fail(call, "more placeholders than arguments");
                }
                JsonNode value = args.get(next++);
                if (value.isContainerNode()) {
                    throw fail(call, "arguments must be strings, numbers, booleans or null, not " + value.getNodeType());
                }
                out.append(value.isTextual() ? value.textValue() : value.toString());
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw fail(call, "the template has " + (next - 1) + " placeholders for " + (args.size() - 1) + " arguments");
        }
        return TextNode.valueOf(out.toString());
    }

    private static JsonNode partition(IntrinsicCall call, List<JsonNode> args) {
        arity(call, args, 2);
        ArrayNode array = array(call, args, 0);
        int size = integer(call, args, 1);
        if (size <= 0) {
            throw fail(call, "chunk size must be > 0");
        }
        ArrayNode chunks = Json.MAPPER.createArrayNode();
        for (int start = 0; start < array.size(); start += size) {
            ArrayNode chunk = chunks.addArray();
            for (int i = start; i < Math.min(start + size, array.size()); i++) {
                chunk.add(array.get(i));
            }
        }
        return chunks;
    }

    private static boolean contains(ArrayNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode range(IntrinsicCall call, List<JsonNode> args) {
        arity(call, args, 3);
        int first = integer(call, args, 0);
        int last = integer(call, args, 1);
        int step = integer(call, args, 2);
        if (step == 0) {
            throw fail(call, "step must not be 0");
        }
        ArrayNode range = Json.MAPPER.createArrayNode();
        for (long value = first; step > 0 ? value <= last : value >= last; value += step) {
            if (range.size() == MAX_ARRAY_RANGE) {
                throw fail(call, "a range may hold at most " + MAX_ARRAY_RANGE + " elements");
            }
            range.add((int) value);
        }
        return range;
    }

    private static JsonNode hash(IntrinsicCall call, List<JsonNode> args) {
        arity(call, args, 2);
        String algorithm = text(call, args, 1);
        if (!List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512").contains(algorithm)) {
            throw fail(call, "algorithm must be MD5, SHA-1, SHA-256, SHA-384 or SHA-512");
        }
        JsonNode data = args.getFirst();
        String input = data.isTextual() ? data.textValue() : Json.write(data);
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(input.getBytes(StandardCharsets.UTF_8));
            return TextNode.valueOf(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw fail(call, e.getMessage());
        }
    }

    private static JsonNode merge(IntrinsicCall call, List<JsonNode> args) {
        arity(call, args, 3);
        if (!(args.get(0) instanceof ObjectNode left) || !(args.get(1) instanceof ObjectNode right)) {
            throw fail(call, "both arguments must be objects");
        }
        if (!args.get(2).isBoolean() || args.get(2).booleanValue()) {
            throw fail(call, "only a shallow merge (false) is supported, as in AWS");
        }
        ObjectNode merged = left.deepCopy();
        merged.setAll(right.deepCopy());
        return merged;
    }

    private static JsonNode random(IntrinsicCall call, List<JsonNode> args) {
        if (args.size() != 2 && args.size() != 3) {
            throw fail(call, "takes a start, an end and an optional seed");
        }
        int start = integer(call, args, 0);
        int end = integer(call, args, 1);
        if (end <= start) {
            throw fail(call, "end must be greater than start");
        }
        Random random = args.size() == 3 ? new Random(integer(call, args, 2)) : ThreadLocalRandom.current();
        return IntNode.valueOf(random.nextInt(start, end));
    }

    private static void arity(IntrinsicCall call, List<JsonNode> args, int count) {
        if (args.size() != count) {
            throw fail(call, "takes " + count + " argument(s), got " + args.size());
        }
    }

    private static String text(IntrinsicCall call, List<JsonNode> args, int index) {
        JsonNode value = args.get(index);
        if (!value.isTextual()) {
            throw fail(call, "argument " + (index + 1) + " must be a string, got " + value.getNodeType());
        }
        return value.textValue();
    }

    private static ArrayNode array(IntrinsicCall call, List<JsonNode> args, int index) {
        if (!(args.get(index) instanceof ArrayNode array)) {
            throw fail(call, "argument " + (index + 1) + " must be an array, got " + args.get(index).getNodeType());
        }
        return array;
    }

    private static int integer(IntrinsicCall call, List<JsonNode> args, int index) {
        JsonNode value = args.get(index);
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            throw fail(call, "argument " + (index + 1) + " must be an integer, got " + value);
        }
        return value.intValue();
    }

    private static StatesError fail(IntrinsicCall call, String message) {
        return StatesError.runtime("The evaluation of the intrinsic function " + call.name() + " failed: " + message);
    }
}

package com.billrun.local.sfn.jsonpath;

import com.billrun.local.sfn.Json;
import com.billrun.local.sfn.StatesError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSONPath as Step Functions evaluates it: paths that start with {@code $$} read the context object, all
 * others the state's data. A path that selects nothing is an error ("States.Runtime ... Invalid path"),
 * except where a caller asks whether a value is present (Choice's IsPresent).
 */
public final class JsonPaths {
    private static final Configuration CONFIGURATION = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .build();
    private static final ConcurrentHashMap<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

    private JsonPaths() {
    }

    public static boolean isPath(String text) {
        return text.startsWith("$");
    }

    /** Load-time check; returns a message when the path does not compile. */
    public static Optional<String> problem(String path) {
        if (!isPath(path)) {
            return Optional.of("'" + path + "' is not a JSONPath (it must start with $)");
        }
        try {
            compile(path);
            return Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.of("'" + path + "' is not a valid JSONPath: " + e.getMessage());
        }
    }

    public static JsonNode read(String path, JsonNode data, JsonNode context) {
        return find(path, data, context).orElseThrow(() -> StatesError.runtime(
                "Invalid path '" + path + "': no value was found at it in " + abbreviate(path.startsWith("$$") ? context : data)));
    }

    public static Optional<JsonNode> find(String path, JsonNode data, JsonNode context) {
        boolean onContext = path.startsWith("$$");
        JsonNode document = onContext ? context : data;
        String documentPath = onContext ? path.substring(1) : path;
        if (documentPath.equals("$")) {
            return Optional.of(document);
        }
        try {
            Object found = compile(documentPath).read(document, CONFIGURATION);
            return Optional.of(found == null ? NullNode.getInstance()
                    : found instanceof JsonNode node ? node : Json.MAPPER.valueToTree(found));
        } catch (PathNotFoundException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static JsonPath compile(String path) {
        return COMPILED.computeIfAbsent(path, JsonPath::compile);
    }

    static String abbreviate(JsonNode node) {
        String text = Json.write(node);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}

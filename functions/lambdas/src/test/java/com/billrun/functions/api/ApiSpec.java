package com.billrun.functions.api;

import com.billrun.local.ProjectRoot;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * infra/openapi.yaml, read with SnakeYAML, as the suites check answers against it: which operation a request hit,
 * whether its status is one the operation declares, and whether the body has the declared shape (required fields,
 * nullability, types, enums, patterns, dates, {@code additionalProperties: false}).
 */
final class ApiSpec {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static ApiSpec instance;

    private final Map<String, Object> document;
    private final List<Operation> operations = new ArrayList<>();

    /** One operation: {@code path} as the spec writes it ({@code /bill-runs/{id}/post}). */
    record Operation(String method, String path, Pattern pattern, String scope, Map<String, Object> responses) {

        String key() {
            return method + " " + path.replaceAll("\\{\\w*}", "{}");
        }
    }

    private ApiSpec(Map<String, Object> document) {
        this.document = document;
        map(document.get("paths")).forEach((path, item) -> map(item).forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Map<String, Object> operation = map(value);
            List<?> security = (List<?>) operation.get("security");
            List<?> scopes = security == null || security.size() != 1 ? List.of() : (List<?>) map(security.getFirst()).get("portalJwt");
            // exactly one requirement naming exactly one scope, as the handler checks one scope per route
            String scope = scopes == null || scopes.size() != 1 ? null : String.valueOf(scopes.getFirst());
            Pattern pattern = Pattern.compile("^" + path.replaceAll("\\{\\w+}", "[A-Za-z0-9_.-]+") + "/?$");
            operations.add(new Operation(method.toUpperCase(), path, pattern, scope, map(operation.get("responses"))));
        }));
    }

    static synchronized ApiSpec get() {
        if (instance == null) {
            Path spec = ProjectRoot.find().orElseThrow().resolve("infra/openapi.yaml");
            try (Reader reader = Files.newBufferedReader(spec)) {
                instance = new ApiSpec(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    List<Operation> operations() {
        return List.copyOf(operations);
    }

    /** The operation a request reaches: its method and its raw path without the query. */
    Optional<Operation> operation(String method, String rawPath) {
        String path = rawPath.contains("?") ? rawPath.substring(0, rawPath.indexOf('?')) : rawPath;
        return operations.stream().filter(op -> op.method().equals(method) && op.pattern().matcher(path).matches())
                // literal segments win over parameters, as in API Gateway
                .min((a, b) -> Integer.compare(a.path().split("\\{").length, b.path().split("\\{").length));
    }

    /** What is wrong with an answer of {@code operation}: an undeclared status, or a body off its schema. */
    List<String> violations(Operation operation, int status, String contentType, JsonNode body) {
        List<String> problems = new ArrayList<>();
        Object declared = operation.responses().get(String.valueOf(status));
        if (declared == null) {
            problems.add(operation.key() + " does not declare status " + status);
            return problems;
        }
        Map<String, Object> response = resolve(map(declared));
        Map<String, Object> content = response.get("content") == null ? Map.of() : map(response.get("content"));
        String type = contentType.split(";")[0].strip();
        if (content.isEmpty()) {
            return problems;
        }
        if (!content.containsKey(type)) {
            problems.add(operation.key() + " " + status + " answers " + type + ", the spec says " + content.keySet());
            return problems;
        }
        Object schema = map(content.get(type)).get("schema");
        if (schema != null && body != null && (type.endsWith("json"))) {
            check(map(schema), body, "$", problems);
        }
        return problems;
    }

    // ------------------------------------------------------------------ a small JSON Schema (OpenAPI 3.0) checker

    private void check(Map<String, Object> schema, JsonNode node, String where, List<String> problems) {
        schema = resolve(schema);
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (node.isNull()) {
            if (!Boolean.TRUE.equals(schema.get("nullable")) && !allOfNullable(schema)) {
                problems.add(where + " is null but not nullable");
            }
            return;
        }
        if (schema.get("allOf") instanceof List<?> parts) {
            for (Object part : parts) {
                check(map(part), node, where, problems);
            }
        }
        if (schema.get("oneOf") instanceof List<?> options) {
            boolean any = false;
            for (Object option : options) {
                List<String> attempt = new ArrayList<>();
                check(map(option), node, where, attempt);
                any |= attempt.isEmpty();
            }
            if (!any) {
                problems.add(where + " matches none of oneOf");
            }
        }
        Object type = schema.get("type");
        if (type == null) {
            return;
        }
        switch (String.valueOf(type)) {
            case "object" -> {
                if (!node.isObject()) {
                    problems.add(where + " is not an object: " + node);
                    return;
                }
                Map<String, Object> properties = schema.get("properties") == null ? Map.of() : map(schema.get("properties"));
                if (schema.get("required") instanceof List<?> required) {
                    for (Object name : required) {
                        if (!node.has(String.valueOf(name))) {
                            problems.add(where + "." + name + " is required but absent");
                        }
                    }
                }
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    var field = fields.next();
                    Object property = properties.get(field.getKey());
                    if (property != null) {
                        check(map(property), field.getValue(), where + "." + field.getKey(), problems);
                    } else if (schema.get("additionalProperties") instanceof Map<?, ?> additional) {
                        check(map(additional), field.getValue(), where + "." + field.getKey(), problems);
                    } else if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
                        problems.add(where + "." + field.getKey() + " is not a property of the schema");
                    }
                }
            }
            case "array" -> {
                if (!node.isArray()) {
                    problems.add(where + " is not an array: " + node);
                    return;
                }
                if (schema.get("items") != null) {
                    for (int i = 0; i < node.size(); i++) {
                        check(map(schema.get("items")), node.get(i), where + "[" + i + "]", problems);
                    }
                }
            }
            case "string" -> {
                if (!node.isTextual()) {
                    problems.add(where + " is not a string: " + node);
                    return;
                }
                String text = node.asText();
                if (schema.get("enum") instanceof List<?> values && !values.contains(text)) {
                    problems.add(where + " = " + text + " is not one of " + values);
                }
                if (schema.get("pattern") instanceof String pattern && !Pattern.compile(pattern).matcher(text).find()) {
                    problems.add(where + " = " + text + " does not match " + pattern);
                }
                if (schema.get("maxLength") instanceof Integer max && text.length() > max) {
                    problems.add(where + " is longer than " + max);
                }
                if ("date".equals(schema.get("format"))) {
                    try {
                        LocalDate.parse(text);
                    } catch (DateTimeParseException e) {
                        problems.add(where + " = " + text + " is not a date");
                    }
                }
                if ("date-time".equals(schema.get("format"))) {
                    try {
                        OffsetDateTime.parse(text);
                    } catch (DateTimeParseException e) {
                        problems.add(where + " = " + text + " is not a date-time");
                    }
                }
            }
            case "integer" -> {
                if (!node.isIntegralNumber()) {
                    problems.add(where + " is not an integer: " + node);
                } else if (schema.get("minimum") instanceof Integer min && node.asLong() < min) {
                    problems.add(where + " is below " + min);
                }
            }
            case "boolean" -> {
                if (!node.isBoolean()) {
                    problems.add(where + " is not a boolean: " + node);
                }
            }
            case "number" -> {
                if (!node.isNumber()) {
                    problems.add(where + " is not a number: " + node);
                }
            }
            default -> {
            }
        }
    }

    private boolean allOfNullable(Map<String, Object> schema) {
        return schema.get("allOf") instanceof List<?> parts && parts.stream().anyMatch(part -> Boolean.TRUE.equals(resolve(map(part)).get("nullable")));
    }

    private Map<String, Object> resolve(Map<String, Object> schema) {
        Map<String, Object> resolved = schema;
        while (resolved.get("$ref") instanceof String ref) {
            Map<String, Object> target = document;
            for (String part : ref.substring(2).split("/")) {
                target = map(target.get(part));
            }
            resolved = target;
        }
        return resolved;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}

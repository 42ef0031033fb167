package com.billrun.functions.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One HTTP request after routing: the caller, the path's {@code {parameters}}, the query, the headers (names in
 * lower case, as API Gateway's payload 2.0 gives them) and the raw body.
 */
public record ApiRequest(Caller caller, Map<String, String> pathParameters, Map<String, String> query,
                         Map<String, String> headers, String body) {

    public ApiRequest {
        pathParameters = Map.copyOf(pathParameters);
        query = query == null ? Map.of() : Map.copyOf(query);
        headers = headers == null ? Map.of() : headers.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                header -> header.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (first, second) -> first));
    }

    public String tenantId() {
        return caller.tenantId();
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name)).filter(value -> !value.isBlank());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public JsonBody jsonBody() {
        requireJson();
        return JsonBody.parse(body);
    }

    /** A body that is one JSON object or a list of at most {@code maxItems}. */
    public List<JsonBody> jsonBodies(int maxItems) {
        requireJson();
        return JsonBody.parseOneOrMany(body, maxItems);
    }

    /**
     * A body sent as another type (a form, plain text) was not meant as this JSON: refused rather than guessed; so is
     * a body sent without any Content-Type (415 naming Content-Type). A request without a body goes on, to be refused
     * as such (400).
     */
    private void requireJson() {
        Optional<String> type = header("content-type").map(value -> value.split(";")[0].strip().toLowerCase(Locale.ROOT));
        if (type.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                throw ApiProblem.unsupportedMediaType(null);
            }
            return;
        }
        if (!type.get().equals("application/json") && !type.get().endsWith("+json")) {
            throw ApiProblem.unsupportedMediaType(type.get());
        }
    }
}

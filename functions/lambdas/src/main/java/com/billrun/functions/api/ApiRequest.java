package com.billrun.functions.api;

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
        return JsonBody.parse(body);
    }
}

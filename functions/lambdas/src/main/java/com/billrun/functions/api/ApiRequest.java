package com.billrun.functions.api;

import java.util.Map;
import java.util.Optional;

/** One HTTP request after routing: the caller, the path's {@code {parameters}}, the query and the raw body. */
public record ApiRequest(Caller caller, Map<String, String> pathParameters, Map<String, String> query, String body) {

    public ApiRequest {
        pathParameters = Map.copyOf(pathParameters);
        query = query == null ? Map.of() : Map.copyOf(query);
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

    public JsonBody jsonBody() {
        return JsonBody.parse(body);
    }
}

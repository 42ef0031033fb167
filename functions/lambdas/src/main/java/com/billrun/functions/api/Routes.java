package com.billrun.functions.api;

import com.billrun.core.RequestLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's route table. API Gateway sends every path to this one function ({@code GET|POST|PUT|DELETE /{proxy+}} in
 * template.yaml), so routing, the scope check and {@code Idempotency-Key} happen here, once for every route: one
 * scope per route, checked before any work; every POST honours its Idempotency-Key.
 */
final class Routes {

    /** What a route does once the caller has its scope. */
    @FunctionalInterface
    interface Action {
        ApiResponse handle(ApiRequest request);
    }

    private record Route(String method, Pattern pattern, List<String> parameters, String scope, Action action) {
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");
    private final List<Route> routes = new ArrayList<>();
    private final IdempotentRequests idempotency;

    Routes(IdempotentRequests idempotency) {
        this.idempotency = idempotency;
    }

    Routes add(String method, String template, String scope, Action action) {
        List<String> parameters = PARAMETER.matcher(template).results().map(m -> m.group(1)).toList();
        Pattern pattern = Pattern.compile("^" + PARAMETER.matcher(template).replaceAll("([A-Za-z0-9_.-]+)") + "/?$");
        routes.add(new Route(method, pattern, parameters, scope, action));
        return this;
    }

    /** The route's answer; an {@link ApiProblem} (or a use case's refusal) is thrown for the handler to answer. */
    HttpAnswer dispatch(String method, String path, Caller caller, Map<String, String> query,
                        Map<String, String> headers, String body) {
        for (Route route : routes) {
            Matcher matcher = route.pattern().matcher(path);
            if (route.method().equals(method) && matcher.matches()) {
                caller.require(route.scope());
                Map<String, String> parameters = new LinkedHashMap<>();
                for (int i = 0; i < route.parameters().size(); i++) {
                    parameters.put(route.parameters().get(i), pathId(matcher.group(i + 1)));
                }
                ApiRequest request = new ApiRequest(caller, parameters, query, headers, body);
                return idempotency.run(method, path, request, () -> HttpAnswer.of(route.action().handle(request)));
            }
        }
        throw ApiProblem.noRoute(method, path);
    }

    /** No id is longer than RequestLimits allows, so a longer one names nothing (and never reaches a key). */
    private static String pathId(String id) {
        if (id.length() > RequestLimits.MAX_ID_LENGTH) {
            throw ApiProblem.notFound("no id is longer than " + RequestLimits.MAX_ID_LENGTH + " characters");
        }
        return id;
    }
}

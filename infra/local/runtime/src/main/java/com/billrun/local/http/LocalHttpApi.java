package com.billrun.local.http;

import com.billrun.local.http.AuthorizerDecision.Allowed;
import com.billrun.local.http.AuthorizerDecision.Forbidden;
import com.billrun.local.http.AuthorizerDecision.Unauthorized;
import com.billrun.local.lambda.Invocation;
import com.billrun.local.lambda.LambdaRunner;
import com.billrun.local.sfn.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;

/**
 * The HTTP API on 127.0.0.1: routes a request, plays the JWT authorizer (401/403 before any function runs),
 * invokes the route's function with a payload 2.0 event and turns its result into the HTTP response the way
 * API Gateway does (a {@code statusCode} object is a structured response; any other JSON is a 200 body).
 */
public final class LocalHttpApi implements AutoCloseable {

    private final LambdaRunner runner;
    private final JwtAuthorizer authorizer;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService requests = Executors.newFixedThreadPool(16, runnable -> {
        Thread thread = new Thread(runnable, "http-api");
        thread.setDaemon(true);
        return thread;
    });

    private LocalHttpApi(LambdaRunner runner, JwtAuthorizer authorizer, HttpServer server) {
        this.runner = runner;
        this.authorizer = authorizer;
        this.server = server;
    }

    /** Port 0 picks a free one. */
    public static LocalHttpApi start(LambdaRunner runner, JwtAuthorizer authorizer, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            LocalHttpApi api = new LocalHttpApi(runner, authorizer, server);
            server.createContext("/", api::handle);
            server.setExecutor(api.requests);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    public LocalHttpApi route(Route route) {
        runner.spec(route.functionName());
        routes.add(route);
        return this;
    }

    /**
     * Serves {@code path} and what is under it with {@code handler}, before any route and without a token (e.g. the
     * API's docs page: {@link ApiDocs}).
     */
    public LocalHttpApi open(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private record Match(Route route, Map<String, String> pathParameters) {
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        Instant received = Instant.now();
        long started = System.nanoTime();
        try (exchange) {
            answer(exchange, requestId, received);
        } finally {
            runner.logs().request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getResponseCode(), (System.nanoTime() - started) / 1_000_000, requestId);
        }
    }

    private void answer(HttpExchange exchange, String requestId, Instant received) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("apigw-requestid", requestId);
            Optional<Match> match = match(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
            if (match.isEmpty()) {
                message(exchange, 404, "Not Found");
                return;
            }
            Route route = match.get().route();
            Optional<Allowed> allowed = Optional.empty();
            if (route.authorized()) {
                switch (authorizer.authorize(exchange.getRequestHeaders().getFirst("Authorization"), route.scopes())) {
                    case Unauthorized unauthorized -> {
                        exchange.getResponseHeaders().add("www-authenticate",
                                "Bearer scope=\"\" error=\"invalid_token\" error_description=\"%s\""
                                        .formatted(unauthorized.reason().replace("\"", "'")));
                        message(exchange, 401, "Unauthorized");
                        return;
                    }
                    case Forbidden forbidden -> {
                        exchange.getResponseHeaders().add("www-authenticate", "Bearer scope=\"%s\" error=\"insufficient_scope\""
                                .formatted(String.join(" ", forbidden.requiredScopes())));
                        message(exchange, 403, "Forbidden");
                        return;
                    }
                    case Allowed ok -> allowed = Optional.of(ok);
                }
            }
            var event = ApiGatewayEvents.event(exchange, route, match.get().pathParameters(), allowed, body, requestId, received);
            Invocation invocation = runner.invoke(route.functionName(), event.toString());
            if (invocation.failed()) {
                message(exchange, 500, "Internal Server Error");
                return;
            }
            respond(exchange, invocation.payload());
        } catch (RuntimeException e) {
            System.err.println("http api: " + e);
            message(exchange, 500, "Internal Server Error");
        }
    }

    private Optional<Match> match(String method, String rawPath) {
        return routes.stream()
                .filter(route -> route.method().equals("ANY") || route.method().equalsIgnoreCase(method))
                .sorted(Comparator.comparingInt(Route::specificity).reversed())
                .flatMap(route -> {
                    Matcher matcher = route.pattern().matcher(rawPath);
                    if (!matcher.matches()) {
                        return java.util.stream.Stream.empty();
                    }
                    Map<String, String> parameters = new LinkedHashMap<>();
                    route.parameterNames().forEach(name -> parameters.put(name,
                            java.net.URLDecoder.decode(matcher.group(Route.groupName(name)), StandardCharsets.UTF_8)));
                    return java.util.stream.Stream.of(new Match(route, parameters));
                })
                .findFirst();
    }

    private static void respond(HttpExchange exchange, byte[] payload) throws IOException {
        JsonNode output;
        try {
            output = Json.MAPPER.readTree(payload);
        } catch (IOException notJson) {
            message(exchange, 500, "Internal Server Error");
            return;
        }
        if (output == null || !output.isObject() || !output.has("statusCode")) {
            exchange.getResponseHeaders().add("content-type", "application/json");
            send(exchange, 200, payload);
            return;
        }
        output.path("headers").properties().forEach(header ->
                exchange.getResponseHeaders().add(header.getKey(), header.getValue().asText()));
        output.path("multiValueHeaders").properties().forEach(header ->
                header.getValue().forEach(value -> exchange.getResponseHeaders().add(header.getKey(), value.asText())));
        output.path("cookies").forEach(cookie -> exchange.getResponseHeaders().add("set-cookie", cookie.asText()));
        JsonNode body = output.path("body");
        byte[] bytes = body.isMissingNode() || body.isNull() ? new byte[0]
                : output.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body.asText())
                : body.asText().getBytes(StandardCharsets.UTF_8);
        send(exchange, output.path("statusCode").asInt(200), bytes);
    }

    /** API Gateway's own answers carry {@code {"message": ...}}. */
    private static void message(HttpExchange exchange, int status, String message) throws IOException {
        exchange.getResponseHeaders().set("content-type", "application/json");
        send(exchange, status, ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        requests.shutdownNow();
    }
}

package com.billrun.local.http;

import com.billrun.local.ProjectRoot;
import com.billrun.local.sfn.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The console (console/, built into console/dist by {@code ./billrun setup}) on the local HTTP API, without a token:
 * {@code GET /console/} and its files, {@code GET /console/config.json} (what the page needs to know: the API is this
 * origin, sign-in is the dev one) and {@code POST /console/dev-token}, the <em>dev sign-in</em>: a {@link DevTokens}
 * token for the tenant, email and scopes asked. The sign-in exists only here, in the local runtime; on AWS the
 * console signs in against the issuer the API's JWT authorizer trusts. The console then calls the API on this same
 * origin with that token, as any client does.
 */
public final class ConsoleSite {

    public static final String PATH = "/console";
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    static final List<String> SCOPES = List.of("billing/read", "billing/write", "billing/post");
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{1,63}");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json");

    private final Path dist;
    private final DevTokens tokens;

    private ConsoleSite(Path dist, DevTokens tokens) {
        this.dist = dist;
        this.tokens = tokens;
    }

    /** Opens {@value #PATH} on {@code api}, serving console/dist of the repository; returns the console's URL. */
    public static URI serve(LocalHttpApi api, DevTokens tokens) {
        Path root = ProjectRoot.find().orElse(Path.of("."));
        return serve(api, tokens, root.resolve("console/dist"));
    }

    /** The same, over another build of the console (tests). */
    static URI serve(LocalHttpApi api, DevTokens tokens, Path dist) {
        ConsoleSite site = new ConsoleSite(dist.toAbsolutePath().normalize(), tokens);
        api.open(PATH, site::handle);
        return api.url().resolve(PATH + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            exchange.getResponseHeaders().set("content-security-policy", CSP);
            exchange.getResponseHeaders().set("x-content-type-options", "nosniff");
            if (path.equals(PATH + "/dev-token")) {
                if (!method.equals("POST")) {
                    notAllowed(exchange, "POST");
                    return;
                }
                devToken(exchange);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                notAllowed(exchange, "GET, HEAD");
                return;
            }
            if (path.equals(PATH)) {
                exchange.getResponseHeaders().set("location", PATH + "/");
                send(exchange, 302, "text/plain; charset=utf-8", new byte[0]);
                return;
            }
            if (path.equals(PATH + "/config.json")) {
                send(exchange, 200, "application/json", "{\"apiUrl\":\"\",\"signIn\":\"dev\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String relative = path.equals(PATH + "/") ? "index.html" : path.substring(PATH.length() + 1);
            Path file = dist.resolve(relative).normalize();
            String extension = relative.substring(relative.lastIndexOf('.') + 1);
            if (!Files.isRegularFile(dist.resolve("index.html"))) {
                send(exchange, 503, "text/plain; charset=utf-8",
                        (dist + " is missing: run ./billrun setup (it builds the console)").getBytes(StandardCharsets.UTF_8));
            } else if (file.startsWith(dist) && Files.isRegularFile(file) && TYPES.containsKey(extension)) {
                if (relative.startsWith("assets/")) { // file names carry a hash of their content
                    exchange.getResponseHeaders().set("cache-control", "public, max-age=31536000, immutable");
                } else {
                    exchange.getResponseHeaders().set("cache-control", "no-cache");
                }
                send(exchange, 200, TYPES.get(extension), Files.readAllBytes(file));
            } else {
                send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** {@code {"tenant": ..., "email": ..., "scopes": [...]}} answered {@code {"token": ...}}; 400 problem+json otherwise. */
    private void devToken(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
        } catch (IOException notJson) {
            problem(exchange, null, "the body is not JSON");
            return;
        }
        if (body == null || !body.isObject()) {
            problem(exchange, null, "the body must be an object with tenant, email and scopes");
            return;
        }
        for (var name : (Iterable<String>) () -> body.fieldNames()) {
            if (!Set.of("tenant", "email", "scopes").contains(name)) {
                problem(exchange, name, "unknown field");
                return;
            }
        }
        String tenant = body.path("tenant").asText("");
        String email = body.path("email").asText("");
        if (!body.path("tenant").isTextual() || !TENANT.matcher(tenant).matches()) {
            problem(exchange, "tenant", "1-64 letters, digits, '.', '_' or '-'");
            return;
        }
        if (!body.path("email").isTextual() || !EMAIL.matcher(email).matches()) {
            problem(exchange, "email", "an email address, e.g. ana@acme.example");
            return;
        }
        List<String> scopes = new ArrayList<>();
        JsonNode asked = body.path("scopes");
        if (!asked.isArray() || asked.isEmpty()) {
            problem(exchange, "scopes", "at least one of " + SCOPES);
            return;
        }
        for (int i = 0; i < asked.size(); i++) {
            String scope = asked.get(i).asText("");
            if (!asked.get(i).isTextual() || !SCOPES.contains(scope) || scopes.contains(scope)) {
                problem(exchange, "scopes[" + i + "]", "each once, of " + SCOPES);
                return;
            }
            scopes.add(scope);
        }
        String token = tokens.issue(tenant, email, scopes);
        exchange.getResponseHeaders().set("cache-control", "no-store");
        send(exchange, 200, "application/json", Json.MAPPER.createObjectNode().put("token", token).toString()
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void problem(HttpExchange exchange, String field, String detail) throws IOException {
        var problem = Json.MAPPER.createObjectNode()
                .put("type", "https://billrun.dev/problems/invalid-field")
                .put("title", "Invalid field")
                .put("status", 400)
                .put("detail", detail);
        if (field != null) {
            problem.put("field", field);
        }
        send(exchange, 400, "application/problem+json", problem.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void notAllowed(HttpExchange exchange, String allow) throws IOException {
        exchange.getResponseHeaders().set("allow", allow);
        send(exchange, 405, "application/json", "{\"message\":\"Method Not Allowed\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("content-type", contentType);
        boolean empty = exchange.getRequestMethod().equals("HEAD") || body.length == 0;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            exchange.getResponseBody().write(body);
        }
    }
}

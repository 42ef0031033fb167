package com.billrun.local.http;

import com.billrun.local.ProjectRoot;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code GET /openapi.yaml} (infra/openapi.yaml as it is) and {@code GET /docs} (Swagger UI over it) on the local
 * HTTP API, without a token. Swagger UI is the npm package {@code swagger-ui-dist} pinned in
 * infra/local/node/package.json, served from those local files; the page's Content-Security-Policy allows this
 * origin only, so the browser fetches nothing from the internet. "Try it out" goes to this server.
 */
public final class ApiDocs {

    public static final String DOCS_PATH = "/docs";
    public static final String SPEC_PATH = "/openapi.yaml";
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self';"
            + " connect-src 'self'; frame-ancestors 'none'";
    /** What the page loads under /docs/: Swagger UI's files, and this page's own script. */
    private static final Map<String, String> SWAGGER_FILES = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png");
    private static final Map<String, String> OWN_FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "billrun-docs.js", "text/javascript; charset=utf-8");

    private final Path spec;
    private final Path swaggerUi;

    private ApiDocs(Path spec, Path swaggerUi) {
        this.spec = spec;
        this.swaggerUi = swaggerUi;
    }

    /** Opens both paths on {@code api}, reading the spec and Swagger UI from the repository. */
    public static void serve(LocalHttpApi api) {
        Path root = ProjectRoot.find().orElse(Path.of("."));
        ApiDocs docs = new ApiDocs(root.resolve("infra/openapi.yaml"), root.resolve("infra/local/node/node_modules/swagger-ui-dist"));
        api.open(SPEC_PATH, docs::spec).open(DOCS_PATH, docs::docs);
    }

    private void spec(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!allowed(exchange) || !exchange.getRequestURI().getPath().equals(SPEC_PATH)) {
                return;
            }
            send(exchange, 200, "application/yaml; charset=utf-8", Files.readAllBytes(spec));
        }
    }

    private void docs(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!allowed(exchange)) {
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String file = path.equals(DOCS_PATH) || path.equals(DOCS_PATH + "/") ? "index.html"
                    : path.startsWith(DOCS_PATH + "/") ? path.substring(DOCS_PATH.length() + 1) : "";
            exchange.getResponseHeaders().set("content-security-policy", CSP);
            if (OWN_FILES.containsKey(file)) {
                try (InputStream in = ApiDocs.class.getResourceAsStream("docs/" + file)) {
                    send(exchange, 200, OWN_FILES.get(file), in.readAllBytes());
                }
            } else if (SWAGGER_FILES.containsKey(file) && Files.isRegularFile(swaggerUi.resolve(file))) {
                send(exchange, 200, SWAGGER_FILES.get(file), Files.readAllBytes(swaggerUi.resolve(file)));
            } else if (SWAGGER_FILES.containsKey(file)) {
                send(exchange, 503, "text/plain; charset=utf-8", (swaggerUi + " is missing: run ./billrun setup")
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** GET and HEAD only; anything else is answered 405 here. */
    private static boolean allowed(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().set("allow", "GET, HEAD");
        send(exchange, 405, "application/json", "{\"message\":\"Method Not Allowed\"}".getBytes(StandardCharsets.UTF_8));
        return false;
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("content-type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
    }
}

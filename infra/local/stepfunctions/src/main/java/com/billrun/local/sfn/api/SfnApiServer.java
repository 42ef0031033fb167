package com.billrun.local.sfn.api;

import com.billrun.local.sfn.Json;
import com.billrun.local.sfn.SfnException;
import com.billrun.local.sfn.StepFunctionsEngine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Step Functions API on 127.0.0.1, in the AWS JSON 1.0 protocol the SDKs speak: a POST to "/" whose
 * {@code X-Amz-Target: AWSStepFunctions.<Operation>} names the operation, JSON in and out
 * ({@code application/x-amz-json-1.0}), errors as HTTP 400 with {@code {"__type": "<ErrorCode>", "message": ...}}.
 * Point a client at it with {@code AWS_ENDPOINT_URL_SFN=<endpoint()>} or {@code endpointOverride}.
 */
public final class SfnApiServer implements AutoCloseable {
    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final SfnOperations operations;

    private SfnApiServer(StepFunctionsEngine engine, int port) throws IOException {
        this.operations = new SfnOperations(engine);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    /** Starts the API; port 0 picks a free port. */
    public static SfnApiServer start(StepFunctionsEngine engine, int port) throws IOException {
        return new SfnApiServer(engine, port);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The value for AWS_ENDPOINT_URL_SFN / endpointOverride, e.g. http://127.0.0.1:40123 */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
                respond(exchange, 400, error("UnknownOperationException",
                        "Expected a POST with X-Amz-Target: AWSStepFunctions.<Operation>"));
                return;
            }
            JsonNode request;
            try (InputStream body = exchange.getRequestBody()) {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                request = text.isBlank() ? Json.object() : Json.parse(text);
                if (!request.isObject()) {
                    throw new IllegalArgumentException("the request body must be a JSON object");
                }
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, error("SerializationException", e.getMessage()));
                return;
            }
            try {
                respond(exchange, 200, operations.call(target.substring(TARGET_PREFIX.length()), request));
            } catch (SfnException e) {
                respond(exchange, 400, error(e.errorCode(), e.getMessage()));
            } catch (RuntimeException e) {
                respond(exchange, 500, error("InternalFailure", String.valueOf(e)));
            }
        }
    }

    private static ObjectNode error(String type, String message) {
        return Json.object().put("__type", type).put("message", message);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}

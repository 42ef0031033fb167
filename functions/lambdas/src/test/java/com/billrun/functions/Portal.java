package com.billrun.functions;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A portal of one tenant calling the local HTTP API with a token of every scope (or the ones given), and what the
 * table holds for that tenant, so a test can assert that a refused request wrote nothing.
 */
record Portal(LocalBillrun local, Tenants tenant, String token, ApiContract.Intent intent) {

    static final String ALL_SCOPES = "billing/read billing/write billing/post";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Portal fresh(String prefix) {
        LocalBillrun local = LocalBillrun.get();
        Tenants tenant = Tenants.fresh(local, prefix);
        return new Portal(local, tenant, local.token(tenant.tenantId(), Tenants.INITIATOR, ALL_SCOPES.split(" ")), ApiContract.Intent.VALID);
    }

    Portal withScopes(String... scopes) {
        return new Portal(local, tenant, local.token(tenant.tenantId(), Tenants.INITIATOR, scopes), intent);
    }

    /** The same portal sending requests off the spec on purpose, to be refused: only their answers are validated. */
    Portal offSpec() {
        return new Portal(local, tenant, token, ApiContract.Intent.OFF_SPEC);
    }

    String tenantId() {
        return tenant.tenantId();
    }

    HttpResponse<String> get(String path) {
        return local.call(intent, "GET", path, token, null);
    }

    HttpResponse<String> post(String path, String body) {
        return local.call(intent, "POST", path, token, body);
    }

    HttpResponse<String> put(String path, String body) {
        return local.call(intent, "PUT", path, token, body);
    }

    /** Sends a body as {@code contentType} rather than JSON. */
    HttpResponse<String> sendAs(String contentType, String method, String path, String body) {
        return send(method, path, body, Map.of(), HttpResponse.BodyHandlers.ofString(), contentType);
    }

    /** Sends with extra headers (e.g. Idempotency-Key). */
    HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        return send(method, path, body, headers, HttpResponse.BodyHandlers.ofString(), "application/json");
    }

    HttpResponse<byte[]> getBytes(String path) {
        return send("GET", path, null, Map.of(), HttpResponse.BodyHandlers.ofByteArray(), "application/json");
    }

    /** The answer's JSON, after checking its status. */
    JsonNode ok(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " but got " + response.statusCode() + ": " + response.body());
        }
        return LocalBillrun.json(response.body());
    }

    /** Every item of this tenant in the table (a scan: tests only). */
    int itemCount() {
        String pk = "T#" + tenantId();
        return local.runtime().dynamoDb().scanPaginator(b -> b.tableName(local.store().table().name())
                        .filterExpression("PK = :pk OR begins_with(PK, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(pk + "#"))))
                .items().stream().mapToInt(item -> 1).sum();
    }

    private <T> HttpResponse<T> send(String method, String path, String body, Map<String, String> headers,
                                     HttpResponse.BodyHandler<T> handler, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(local.apiUrl().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", contentType).header("authorization", "Bearer " + token);
        headers.forEach(request::header);
        try {
            HttpRequest sent = request.build();
            HttpResponse<T> response = HTTP.send(sent, handler);
            byte[] answer = response.body() instanceof byte[] bytes ? bytes : String.valueOf(response.body()).getBytes(StandardCharsets.UTF_8);
            ApiContract.check(intent, method, path, sent.headers().map(), body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                    response.statusCode(), response.headers().map(), answer);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

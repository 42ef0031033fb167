package com.billrun.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer as it goes on the wire: status, headers and the body already written (JSON text, or base64 for a
 * document). Idempotency-Key replays keep and resend exactly this.
 */
record HttpAnswer(int status, Map<String, String> headers, String body, boolean base64) {

    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";

    HttpAnswer {
        headers = Map.copyOf(headers);
    }

    static HttpAnswer of(ApiResponse response) {
        if (response.body() == null) {
            return new HttpAnswer(response.status(), Map.of(), "", false); // 204: no body at all
        }
        if (response.body() instanceof ApiResponse.Document document) {
            return new HttpAnswer(response.status(), Map.of("content-type", document.contentType(),
                    "content-disposition", "attachment; filename=\"" + document.fileName() + "\""),
                    Base64.getEncoder().encodeToString(document.content()), true);
        }
        if (response.body() instanceof ApiResponse.Text text) {
            Map<String, String> headers = new LinkedHashMap<>(text.headers());
            headers.put("content-type", text.contentType());
            return new HttpAnswer(response.status(), headers, text.content(), false);
        }
        return json(response.status(), JSON, response.body());
    }

    static HttpAnswer of(ApiProblem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        if (problem.field() != null) {
            body.put("field", problem.field());
        }
        return json(problem.status(), PROBLEM, body);
    }

    /** A stored first answer sent again, saying so (Stripe's {@code Idempotent-Replayed}). */
    static HttpAnswer replayed(int status, String contentType, String body) {
        return new HttpAnswer(status, Map.of("content-type", contentType, "idempotent-replayed", "true"), body, false);
    }

    String contentType() {
        return headers.getOrDefault("content-type", JSON);
    }

    APIGatewayV2HTTPResponse toEvent() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body)
                .withIsBase64Encoded(base64).build();
    }

    private static HttpAnswer json(int status, String contentType, Object body) {
        try {
            return new HttpAnswer(status, Map.of("content-type", contentType), ApiJson.MAPPER.writeValueAsString(body), false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer as JSON", e);
        }
    }
}

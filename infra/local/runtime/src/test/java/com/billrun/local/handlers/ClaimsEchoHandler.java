package com.billrun.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An API handler that answers with what it received from API Gateway, and counts its calls. */
public final class ClaimsEchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicInteger calls;

    public ClaimsEchoHandler(Map<String, String> env) {
        this.calls = calls(env.get("CALL_COUNTER"));
    }

    public static AtomicInteger calls(String counter) {
        return CALLS.computeIfAbsent(counter, name -> new AtomicInteger());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        calls.incrementAndGet();
        var jwt = event.getRequestContext().getAuthorizer() == null ? null : event.getRequestContext().getAuthorizer().getJwt();
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("routeKey", event.getRouteKey());
        echo.put("rawPath", event.getRawPath());
        echo.put("method", event.getRequestContext().getHttp().getMethod());
        echo.put("pathParameters", event.getPathParameters());
        echo.put("queryStringParameters", event.getQueryStringParameters());
        echo.put("contentType", event.getHeaders().get("content-type"));
        echo.put("body", event.getBody());
        echo.put("isBase64Encoded", event.getIsBase64Encoded());
        echo.put("claims", jwt == null ? null : jwt.getClaims());
        echo.put("scopes", jwt == null ? null : jwt.getScopes());
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(event.getRequestContext().getHttp().getMethod().equals("POST") ? 202 : 200)
                    .withHeaders(Map.of("content-type", "application/json"))
                    .withBody(JSON.writeValueAsString(echo))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

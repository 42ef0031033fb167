package com.billrun.functions.api;

import static com.billrun.functions.StreamJson.text;
import static com.billrun.functions.StreamJson.texts;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.billrun.functions.StreamJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP API (payload 2.0) event read from its JSON map ({@link com.billrun.functions.StreamJson}) into the
 * events library's type, and the answer back to the map API Gateway reads: what the Lambda runtime's event
 * serialisers would do, for the fields the API uses, without their cold start (see {@link ApiHandler}).
 */
final class ApiEvents {

    private ApiEvents() {
    }

    static APIGatewayV2HTTPEvent event(Map<String, Object> json) {
        Map<String, Object> event = json == null ? Map.of() : json;
        Map<String, Object> context = object(event.get("requestContext"));
        Map<String, Object> http = object(context.get("http"));
        Map<String, Object> jwt = object(object(context.get("authorizer")).get("jwt"));
        var requestContext = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId(text(context.get("requestId")))
                .withRouteKey(text(context.get("routeKey")))
                .withStage(text(context.get("stage")))
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(text(http.get("method")))
                        .withPath(text(http.get("path")))
                        .withProtocol(text(http.get("protocol")))
                        .withSourceIp(text(http.get("sourceIp")))
                        .withUserAgent(text(http.get("userAgent")))
                        .build())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                .withClaims(texts(jwt.get("claims")))
                                .withScopes(jwt.get("scopes") instanceof List<?> scopes
                                        ? scopes.stream().map(StreamJson::text).toList() : null)
                                .build())
                        .build())
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion(text(event.get("version")))
                .withRouteKey(text(event.get("routeKey")))
                .withRawPath(text(event.get("rawPath")))
                .withRawQueryString(text(event.get("rawQueryString")))
                .withCookies(event.get("cookies") instanceof List<?> cookies ? cookies.stream().map(StreamJson::text).toList() : null)
                .withHeaders(texts(event.get("headers")))
                .withQueryStringParameters(texts(event.get("queryStringParameters")))
                .withPathParameters(texts(event.get("pathParameters")))
                .withStageVariables(texts(event.get("stageVariables")))
                .withBody(text(event.get("body")))
                .withIsBase64Encoded(Boolean.TRUE.equals(event.get("isBase64Encoded")))
                .withRequestContext(requestContext)
                .build();
    }

    /** The answer's fields that are set, as API Gateway reads them. */
    static Map<String, Object> answer(APIGatewayV2HTTPResponse response) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("statusCode", response.getStatusCode());
        putIfSet(answer, "headers", response.getHeaders());
        putIfSet(answer, "multiValueHeaders", response.getMultiValueHeaders());
        putIfSet(answer, "cookies", response.getCookies());
        putIfSet(answer, "body", response.getBody());
        answer.put("isBase64Encoded", response.getIsBase64Encoded());
        return answer;
    }

    private static void putIfSet(Map<String, Object> answer, String name, Object value) {
        if (value != null) {
            answer.put(name, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

}

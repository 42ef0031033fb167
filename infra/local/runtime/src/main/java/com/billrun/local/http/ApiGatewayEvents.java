package com.billrun.local.http;

import com.billrun.local.http.AuthorizerDecision.Allowed;
import com.billrun.local.sfn.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Builds the API Gateway HTTP API event, payload format 2.0, that a request becomes. */
final class ApiGatewayEvents {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ApiGatewayEvents() {
    }

    static ObjectNode event(HttpExchange exchange, Route route, Map<String, String> pathParameters,
                            Optional<Allowed> authorization, byte[] body, String requestId, Instant received) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        String rawPath = exchange.getRequestURI().getRawPath();
        event.put("rawPath", rawPath);
        String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        event.put("rawQueryString", rawQuery);

        List<String> cookies = new ArrayList<>();
        ObjectNode headers = event.putObject("headers");
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(value -> cookies.addAll(List.of(value.split(";\\s*"))));
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        if (!cookies.isEmpty()) {
            event.putPOJO("cookies", cookies);
        }
        Map<String, String> query = queryParameters(rawQuery);
        if (!query.isEmpty()) {
            event.putPOJO("queryStringParameters", query);
        }
        if (!pathParameters.isEmpty()) {
            event.putPOJO("pathParameters", pathParameters);
        }

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        authorization.ifPresent(allowed -> {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            jwt.putPOJO("claims", allowed.claims());
            jwt.putPOJO("scopes", allowed.scopes());
        });
        String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("127.0.0.1");
        context.put("domainName", host);
        context.put("domainPrefix", host.split("[.:]")[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod());
        http.put("path", rawPath);
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", Optional.ofNullable(exchange.getRequestHeaders().getFirst("User-Agent")).orElse(""));
        context.put("requestId", requestId);
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(received));
        context.put("timeEpoch", received.toEpochMilli());

        if (body.length > 0) {
            String text = isText(exchange.getRequestHeaders().getFirst("Content-Type")) ? utf8(body) : null;
            event.put("body", text == null ? Base64.getEncoder().encodeToString(body) : text);
            event.put("isBase64Encoded", text == null);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /**
     * The body as text when it is valid UTF-8; null otherwise, and the body then travels base64-encoded, byte for
     * byte, as a binary one does. Decoding it leniently would replace the bad bytes with U+FFFD and hand the function
     * a different, valid-looking text it could not refuse. (API Gateway's documentation does not say what an HTTP
     * API does with such a body; the API function refuses bytes that are not UTF-8 and U+FFFD in a text either way.)
     */
    static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    /** Repeated parameters are joined with commas, as payload 2.0 does. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.merge(name, value, (first, next) -> first + "," + next);
        }
        return parameters;
    }

    static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return type.startsWith("text/") || type.endsWith("json") || type.endsWith("+xml") || type.equals("application/xml")
                || type.equals("application/x-www-form-urlencoded") || type.equals("application/javascript");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}

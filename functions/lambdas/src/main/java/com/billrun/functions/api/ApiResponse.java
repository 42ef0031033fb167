package com.billrun.functions.api;

import java.util.Map;

/** What a route answers on success: a status and a body that becomes JSON (or a {@link Document}, sent as is). */
public record ApiResponse(int status, Object body) {

    /** A file answered in its own type, e.g. an invoice PDF; API Gateway carries it base64-encoded. */
    public record Document(byte[] content, String contentType, String fileName) {
    }

    /** Text in another type than JSON (e.g. CSV), with headers of its own (e.g. {@code Link}). */
    public record Text(String content, String contentType, Map<String, String> headers) {
        public Text {
            headers = Map.copyOf(headers);
        }
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body);
    }

    /** The work goes on in a state machine; the body says how to follow it. */
    public static ApiResponse accepted(Object body) {
        return new ApiResponse(202, body);
    }

    public static ApiResponse text(String content, String contentType, Map<String, String> headers) {
        return new ApiResponse(200, new Text(content, contentType, headers));
    }

    public static ApiResponse document(byte[] content, String contentType, String fileName) {
        return new ApiResponse(200, new Document(content, contentType, fileName));
    }
}

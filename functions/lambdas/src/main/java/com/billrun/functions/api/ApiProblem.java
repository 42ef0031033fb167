package com.billrun.functions.api;

/**
 * An answer other than success, sent as {@code application/problem+json} (RFC 9457) with the offending
 * {@code field} when one is to blame, so a portal can put the message next to the input that caused it.
 */
public final class ApiProblem extends RuntimeException {

    private static final String TYPES = "https://billrun.dev/problems/";

    private final int status;
    private final String type;
    private final String title;
    private final String field;

    private ApiProblem(int status, String type, String title, String detail, String field) {
        super(detail, null, false, false);
        this.status = status;
        this.type = TYPES + type;
        this.title = title;
        this.field = field;
    }

    /** The body cannot be read as asked: not JSON, a wrong type or format, an unknown field. */
    public static ApiProblem malformed(String field, String detail) {
        return new ApiProblem(400, "malformed-request", "Malformed request", detail, field);
    }

    /** The body reads fine but a value breaks a rule: missing, out of range, contradicting another field. */
    public static ApiProblem invalid(String field, String detail) {
        return new ApiProblem(422, "invalid-field", "Invalid field", detail, field);
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "unauthorized", "Unauthorized", detail, null);
    }

    public static ApiProblem missingScope(String scope) {
        return new ApiProblem(403, "missing-scope", "Forbidden", "this needs the scope " + scope, null);
    }

    /** The token lacks the scope that {@code field}'s value asks for (e.g. {@code autoPost} needs billing/post). */
    public static ApiProblem missingScope(String scope, String field) {
        return new ApiProblem(403, "missing-scope", "Forbidden", field + " needs the scope " + scope, field);
    }

    /** Also the answer for another tenant's ids: their existence is not ours to reveal. */
    public static ApiProblem notFound(String what, String id) {
        return new ApiProblem(404, "not-found", "Not found", what + " " + id + " does not exist", null);
    }

    /** The store's own "not found", which already names what is missing. */
    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "not-found", "Not found", detail, null);
    }

    /** Something broke on our side; the request id finds it in the logs. */
    public static ApiProblem internal(String requestId) {
        return new ApiProblem(500, "internal-error", "Internal error",
                "the request failed on our side; quote request id " + requestId, null);
    }

    public static ApiProblem noRoute(String method, String path) {
        return new ApiProblem(404, "no-route", "Not found", "no route " + method + " " + path, null);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "conflict", "Conflict", detail, null);
    }

    /** The state does not allow what {@code field} of the request asks (e.g. {@code rebill}); null: the request as a whole. */
    public static ApiProblem conflict(String field, String detail) {
        return new ApiProblem(409, "conflict", "Conflict", detail, field);
    }

    /** Stripe's and Zuora's answer to a key sent again with another request. */
    public static ApiProblem idempotencyKeyReused() {
        return new ApiProblem(422, "idempotency-key-reused", "Idempotency-Key reused",
                "this Idempotency-Key was used with another request (method, path or body) in the last 24 hours",
                IdempotentRequests.HEADER);
    }

    public static ApiProblem idempotencyKeyInUse() {
        return new ApiProblem(409, "idempotency-key-in-use", "Conflict",
                "a request with this Idempotency-Key is still being processed; retry in a moment", IdempotentRequests.HEADER);
    }

    /** {@code type} null: the body came without a Content-Type. */
    public static ApiProblem unsupportedMediaType(String type) {
        return new ApiProblem(415, "unsupported-media-type", "Unsupported media type",
                type == null ? "the body must be sent as Content-Type: application/json" : "the body must be application/json, not " + type,
                "Content-Type");
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public String field() {
        return field;
    }
}

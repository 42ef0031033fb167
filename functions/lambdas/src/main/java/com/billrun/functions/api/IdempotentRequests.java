package com.billrun.functions.api;

import com.billrun.core.RequestLimits;
import com.billrun.store.IdempotencyKeys;
import com.billrun.store.IdempotencyKeys.Answer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on every POST, as Stripe and Zuora do it: the first request with a key runs and its
 * successful answer is kept 24 hours; the same key with the same method, path and body gets that answer again
 * (header {@code Idempotent-Replayed: true}) without running twice; the same key with anything else is 422; a
 * second request while the first still runs is 409. A refused or failed request keeps nothing, so it may be
 * corrected and sent again with its key.
 */
final class IdempotentRequests {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1," + RequestLimits.MAX_IDEMPOTENCY_KEY_LENGTH + "}");

    private final IdempotencyKeys keys;

    IdempotentRequests(IdempotencyKeys keys) {
        this.keys = keys;
    }

    HttpAnswer run(String method, String path, ApiRequest request, Supplier<HttpAnswer> action) {
        Optional<String> key = request.header(HEADER);
        if (!"POST".equals(method) || key.isEmpty()) {
            return action.get();
        }
        if (!VALID.matcher(key.get()).matches()) {
            throw ApiProblem.malformed(HEADER, "must be 1-" + RequestLimits.MAX_IDEMPOTENCY_KEY_LENGTH
                    + " visible ASCII characters");
        }
        String fingerprint = fingerprint(method, path, request.body());
        return switch (keys.claim(request.tenantId(), key.get(), fingerprint)) {
            case IdempotencyKeys.Replay replay -> replayOf(replay.answer());
            case IdempotencyKeys.Mismatch mismatch -> throw ApiProblem.idempotencyKeyReused();
            case IdempotencyKeys.InProgress running -> throw ApiProblem.idempotencyKeyInUse();
            case IdempotencyKeys.Claimed claimed -> runClaimed(request.tenantId(), key.get(), fingerprint, action);
        };
    }

    private static HttpAnswer replayOf(Answer first) {
        return HttpAnswer.replayed(first.status(), first.contentType(), first.body());
    }

    private HttpAnswer runClaimed(String tenantId, String key, String fingerprint, Supplier<HttpAnswer> action) {
        HttpAnswer answer;
        try {
            answer = action.get();
        } catch (RuntimeException refusedOrFailed) {
            keys.release(tenantId, key, fingerprint);
            throw refusedOrFailed;
        }
        if (answer.status() >= 400 || answer.base64()) {
            keys.release(tenantId, key, fingerprint);
            return answer;
        }
        try {
            keys.complete(tenantId, key, fingerprint, new Answer(answer.status(), answer.contentType(), answer.body()));
        } catch (RuntimeException notKept) {
            // The work is done and must be reported; the claim lapses, and a retry after that runs again,
            // which every write behind these routes tolerates (conditional puts, ids from the first answer).
        }
        return answer;
    }

    /** The request's identity: a retry must repeat method, path and body exactly. */
    static String fingerprint(String method, String path, String body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String request = method + "\n" + path + "\n" + (body == null ? "" : body);
            return HexFormat.of().formatHex(sha256.digest(request.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

package com.billrun.store;

import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotency-Key records ({@code T#{t}} / {@code IDEM#{key}}): the fingerprint of the first request (a hash of
 * method, path and body) and, once it succeeded, its answer, kept {@link #RETENTION} (DynamoDB's TTL deletes it
 * through {@code expiresAt}; until it does, an expired record counts as absent). A request claims its key before it
 * runs; a crashed one's claim lapses after {@link #CLAIM}, so a key is never locked forever.
 */
public final class IdempotencyKeys {

    public static final Duration RETENTION = Duration.ofHours(24);
    /** Longer than the API function's timeout: a live request never loses its claim. */
    public static final Duration CLAIM = Duration.ofSeconds(60);
    public static final String EXPIRES_AT = "expiresAt";

    /** The first answer to a key, replayed as it was sent. */
    public record Answer(int status, String contentType, String body) {
    }

    /** What claiming a key found. */
    public sealed interface Claim {
    }

    /** The key is ours: run the request, then {@link #complete} or {@link #release}. */
    public record Claimed() implements Claim {
    }

    /** The same request ran before: send its answer again. */
    public record Replay(Answer answer) implements Claim {
    }

    /** The key was used with another method, path or body. */
    public record Mismatch() implements Claim {
    }

    /** The first request with this key is still running. */
    public record InProgress() implements Claim {
    }

    private final Table table;
    private final Clock clock;

    public IdempotencyKeys(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    public Claim claim(String tenantId, String key, String fingerprint) {
        Instant now = clock.instant();
        try {
            table.update(u -> u.key(Keys.idempotencyKey(tenantId, key).toAttributes())
                    .updateExpression("SET fingerprint = :fp, claimedUntil = :until, #expires = :expires REMOVE answer")
                    .conditionExpression("attribute_not_exists(PK) OR #expires < :nowSeconds"
                            + " OR (attribute_not_exists(answer) AND claimedUntil < :now)")
                    .expressionAttributeNames(Map.of("#expires", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":fp", AttributeValue.fromS(fingerprint),
                            ":until", AttributeValue.fromS(now.plus(CLAIM).toString()),
                            ":expires", seconds(now.plus(RETENTION)), ":now", AttributeValue.fromS(now.toString()),
                            ":nowSeconds", seconds(now))));
            return new Claimed();
        } catch (ConditionalCheckFailedException taken) {
            return table.get(Keys.idempotencyKey(tenantId, key)).map(found -> existing(found, fingerprint))
                    .orElseGet(InProgress::new);
        }
    }

    /** Keeps the first answer for the key's retention. */
    public void complete(String tenantId, String key, String fingerprint, Answer answer) {
        table.update(u -> u.key(Keys.idempotencyKey(tenantId, key).toAttributes())
                .updateExpression("SET answer = :answer")
                .conditionExpression("fingerprint = :fp")
                .expressionAttributeValues(Map.of(":fp", AttributeValue.fromS(fingerprint), ":answer", AttributeValue.fromM(
                        Item.nested().integer("status", answer.status()).string("contentType", answer.contentType())
                                .string("body", answer.body()).build()))));
    }

    /** Gives the key back when the request failed: a refused request leaves nothing behind, and may be sent again. */
    public void release(String tenantId, String key, String fingerprint) {
        try {
            table.delete(Keys.idempotencyKey(tenantId, key), "fingerprint = :fp AND attribute_not_exists(answer)",
                    Map.of(":fp", AttributeValue.fromS(fingerprint)));
        } catch (ConditionalCheckFailedException alreadyGone) {
            // Nothing of ours to give back.
        }
    }

    private static AttributeValue seconds(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
    }

    private static Claim existing(ItemReader found, String fingerprint) {
        if (!fingerprint.equals(found.string("fingerprint"))) {
            return new Mismatch();
        }
        if (!found.has("answer")) {
            return new InProgress();
        }
        ItemReader answer = new ItemReader(found.map("answer"));
        return new Replay(new Answer(answer.integer("status"), answer.string("contentType"), answer.string("body")));
    }
}

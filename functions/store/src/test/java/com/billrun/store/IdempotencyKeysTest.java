package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.billrun.store.IdempotencyKeys.Answer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Idempotency-Key records: claim, replay, mismatch, a claim still running, and what lapses. */
class IdempotencyKeysTest {

    private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");
    private final BillrunStore store = LocalTable.create();

    @Test
    void theFirstAnswerIsReplayedToTheSameRequestAndRefusedToAnother() {
        IdempotencyKeys keys = at(NOON);
        assertInstanceOf(IdempotencyKeys.Claimed.class, keys.claim("t1", "k1", "hash-a"));
        keys.complete("t1", "k1", "hash-a", new Answer(201, "application/json", "{\"id\":\"A1\"}"));

        var replay = assertInstanceOf(IdempotencyKeys.Replay.class, keys.claim("t1", "k1", "hash-a"));
        assertEquals(new Answer(201, "application/json", "{\"id\":\"A1\"}"), replay.answer());
        assertInstanceOf(IdempotencyKeys.Mismatch.class, keys.claim("t1", "k1", "hash-b"));
        assertInstanceOf(IdempotencyKeys.Claimed.class, keys.claim("t2", "k1", "hash-b"), "keys are per tenant");
    }

    @Test
    void aSecondRequestWhileTheFirstRunsFindsItInProgressUntilTheClaimLapses() {
        IdempotencyKeys keys = at(NOON);
        keys.claim("t1", "k2", "hash-a");

        assertInstanceOf(IdempotencyKeys.InProgress.class, keys.claim("t1", "k2", "hash-a"));
        assertInstanceOf(IdempotencyKeys.Claimed.class,
                at(NOON.plus(IdempotencyKeys.CLAIM).plusSeconds(1)).claim("t1", "k2", "hash-a"), "a crashed request's claim lapses");
    }

    @Test
    void aReleasedKeyIsFreeAndAnAnswerIsForgottenAfter24Hours() {
        IdempotencyKeys keys = at(NOON);
        keys.claim("t1", "k3", "hash-a");
        keys.release("t1", "k3", "hash-a");
        assertInstanceOf(IdempotencyKeys.Claimed.class, keys.claim("t1", "k3", "hash-b"), "a refused request keeps nothing");
        keys.complete("t1", "k3", "hash-b", new Answer(201, "application/json", "{}"));

        assertInstanceOf(IdempotencyKeys.Claimed.class,
                at(NOON.plus(IdempotencyKeys.RETENTION).plus(Duration.ofMinutes(1))).claim("t1", "k3", "hash-c"));
    }

    private IdempotencyKeys at(Instant now) {
        return new IdempotencyKeys(store.table(), Clock.fixed(now, ZoneOffset.UTC));
    }
}

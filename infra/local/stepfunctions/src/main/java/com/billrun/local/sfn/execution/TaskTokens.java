package com.billrun.local.sfn.execution;

import com.billrun.local.sfn.SfnException;
import com.billrun.local.sfn.StatesError;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The task tokens of waiting {@code .waitForTaskToken} tasks. A closed token (answered, timed out, execution
 * ended) is remembered, up to a bound, so that a late answer gets TaskTimedOut as it does on AWS.
 */
public final class TaskTokens {
    private static final String PREFIX = "AQBRSFN";
    private static final int RANDOM_BYTES = 48;
    private static final int TOKEN_LENGTH = PREFIX.length() + 64;
    private static final int REMEMBERED_CLOSED = 100_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, PendingTask> pending = new ConcurrentHashMap<>();
    private final Map<String, Boolean> closed = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_CLOSED;
        }
    });

    /** A task waiting for its token: the answer, and when it last gave a sign of life. */
    public static final class PendingTask {
        final CompletableFuture<JsonNode> outcome = new CompletableFuture<>();
        volatile long lastHeartbeatNanos = System.nanoTime();

        public CompletableFuture<JsonNode> outcome() {
            return outcome;
        }

        public long lastHeartbeatNanos() {
            return lastHeartbeatNanos;
        }
    }

    public String open() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(token, new PendingTask());
        return token;
    }

    public PendingTask pending(String token) {
        return pending.get(token);
    }

    public void close(String token) {
        if (pending.remove(token) != null) {
            closed.put(token, Boolean.TRUE);
        }
    }

    public void succeed(String token, JsonNode output) throws SfnException {
        find(token).outcome.complete(output);
    }

    public void fail(String token, String error, String cause) throws SfnException {
        find(token).outcome.completeExceptionally(new StatesError(error, cause));
    }

    public void heartbeat(String token) throws SfnException {
        find(token).lastHeartbeatNanos = System.nanoTime();
    }

    private PendingTask find(String token) throws SfnException {
        if (token == null || token.length() != TOKEN_LENGTH || !token.startsWith(PREFIX)) {
            throw new SfnException("InvalidToken", "Invalid Token: 'Invalid token'");
        }
        PendingTask task = pending.get(token);
        if (task != null && !task.outcome.isDone()) {
            return task;
        }
        if (task != null || closed.containsKey(token)) {
            throw new SfnException("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
        }
        throw new SfnException("TaskDoesNotExist", "Task does not exist");
    }
}

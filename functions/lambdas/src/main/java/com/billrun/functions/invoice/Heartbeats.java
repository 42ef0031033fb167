package com.billrun.functions.invoice;

import com.billrun.usecases.billrun.TaskCallback;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a long batch's task alive: the state machine gives up on a task silent for HeartbeatSeconds (900), so
 * the worker sends a heartbeat at most every {@link #INTERVAL} as accounts get done. Thread-safe: accounts are
 * billed in parallel.
 */
final class Heartbeats implements Runnable {

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final TaskCallback callback;
    private final String taskToken;
    private final Clock clock;
    private Instant last;

    Heartbeats(TaskCallback callback, String taskToken, Clock clock) {
        this.callback = callback;
        this.taskToken = taskToken;
        this.clock = clock;
        this.last = clock.instant();
    }

    @Override
    public synchronized void run() {
        Instant now = clock.instant();
        if (Duration.between(last, now).compareTo(INTERVAL) >= 0) {
            last = now;
            callback.heartbeat(taskToken);
        }
    }
}

package com.billrun.aws;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One-time work of a cold start that the handler's thread does not need yet, started on a thread of its own so
 * that it overlaps with what the handler's thread does meanwhile (a Lambda function with more than one vCPU, and
 * the init phase, run them side by side). Whoever needs the result joins it; a failure surfaces there, or is
 * ignored for a pure warm-up, whose only purpose is to load and initialise classes early.
 */
public final class Background {

    private Background() {
    }

    /** {@code work} on a new daemon thread, its result (or failure) in the future. */
    public static <T> CompletableFuture<T> supply(String name, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().name(name).daemon().start(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /**
     * A warm-up: work done only for the classes it loads and initialises (a first parse, a first request), so
     * that the handler's first event finds them ready. Its outcome does not matter and is not reported.
     */
    public static void warmUp(String name, Runnable work) {
        supply(name, () -> {
            work.run();
            return null;
        });
    }
}

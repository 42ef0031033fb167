package com.billrun.local.sfn.execution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs Map iterations or Parallel branches on virtual threads, never more than {@code maxConcurrency} at once.
 * The first failure wins: "If any iteration fails, the Map state fails and all iterations are stopped"
 * (the others are interrupted and end as aborted); results keep the order of the items.
 */
final class ConcurrentBranches {
    private ConcurrentBranches() {
    }

    static List<JsonNode> run(Execution execution, List<Supplier<JsonNode>> units, int maxConcurrency) {
        Semaphore permits = new Semaphore(maxConcurrency);
        JsonNode[] results = new JsonNode[units.size()];
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Set<Thread> running = ConcurrentHashMap.newKeySet();
        List<Thread> started = new ArrayList<>();
        try {
            for (int i = 0; i < units.size() && failure.get() == null; i++) {
                permits.acquire();
                if (failure.get() != null) {
                    permits.release();
                    break;
                }
                started.add(start(execution, units.get(i), i, results, failure, running, permits));
            }
            for (Thread thread : started) {
                thread.join();
            }
        } catch (InterruptedException e) {
            running.forEach(Thread::interrupt);
            joinQuietly(started);
            throw new Cancelled("interrupted while running branches");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return java.util.Arrays.asList(results);
    }

    private static Thread start(Execution execution, Supplier<JsonNode> unit, int index, JsonNode[] results,
                                AtomicReference<RuntimeException> failure, Set<Thread> running, Semaphore permits) {
        Thread thread = Thread.ofVirtual().name("sfn-branch-" + index).unstarted(() -> {
            Thread self = Thread.currentThread();
            try {
                results[index] = unit.get();
            } catch (RuntimeException e) {
                if (failure.compareAndSet(null, e)) {
                    running.stream().filter(other -> other != self).forEach(Thread::interrupt);
                }
            } finally {
                running.remove(self);
                execution.untrack(self);
                permits.release();
            }
        });
        running.add(thread);
        execution.track(thread);
        thread.start();
        return thread;
    }

    private static void joinQuietly(List<Thread> threads) {
        for (Thread thread : threads) {
            boolean joined = false;
            while (!joined) {
                try {
                    thread.join();
                    joined = true;
                } catch (InterruptedException ignored) {
                    // Keep waiting: the branches end promptly once interrupted, and must not outlive their state.
                }
            }
        }
    }
}

package com.billrun.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Many batch calls (BatchGetItem, BatchWriteItem) made a few at once on virtual threads: a post's plan, a grouped
 * run read whole. Each call waits for a slot, so at most {@code atOnce} are in flight (under the SDK's 50
 * connections).
 */
final class BatchCalls {

    private BatchCalls() {
    }

    /**
     * Runs {@code call} on each chunk, {@code atOnce} at a time, and gathers what they return (in no particular
     * order); the first failure is thrown once every call has ended.
     */
    static <T, R> List<R> atOnce(List<List<T>> chunks, int atOnce, Function<List<T>, List<R>> call) {
        Semaphore slots = new Semaphore(atOnce);
        List<Future<List<R>>> futures = new ArrayList<>();
        List<R> all = new ArrayList<>();
        RuntimeException first = null;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<T> chunk : chunks) {
                Callable<List<R>> task = () -> {
                    slots.acquire();
                    try {
                        return call.apply(chunk);
                    } finally {
                        slots.release();
                    }
                };
                futures.add(threads.submit(task));
            }
            for (Future<List<R>> future : futures) {
                try {
                    all.addAll(await(future));
                } catch (RuntimeException failed) {
                    first = first == null ? failed : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return all;
    }

    /** {@code all} cut into consecutive lists of at most {@code size} (views, not copies). */
    static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            chunks.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return chunks;
    }

    /** The future's value; its failure rethrown as it was (a checked one wrapped). */
    static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TransientStoreException("interrupted while waiting for DynamoDB", interrupted);
        }
    }
}

package com.billrun.store.dynamodb;

import com.billrun.store.InvalidCursorException;
import com.billrun.store.Page;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One listing kept in several partition keys (a run's sharded keys, DATA-MODEL.md "Sharded run keys"), read as if
 * it were one: the items of every partition whose sort key begins with a prefix, merged in sort key order (as
 * DynamoDB orders strings: by their UTF-8 bytes). Sort keys are unique across the partitions (each item lives in
 * one), so a cursor is the last sort key a page returned, and each partition resumes after it: the order and the
 * cursors are those of one partition holding them all. A single partition is the same query, merged trivially.
 * Run through {@link Table#page(ShardedQuery, String, int)} and {@link Table#each(ShardedQuery, Consumer)}.
 */
public final class ShardedQuery {

    private static final String SORT_NAME = "#shardedSort";
    private static final Comparator<byte[]> UTF8_ORDER = Arrays::compareUnsigned;

    private final String index;
    private final String partitionKey;
    private final String sortKey;
    private final List<String> partitions;
    private final String prefix;
    private final boolean consistent;
    private final String projection;
    private final Map<String, String> names;

    private ShardedQuery(String index, String partitionKey, String sortKey, List<String> partitions, String prefix,
                         boolean consistent, String projection, Map<String, String> names) {
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("a sharded query needs at least one partition");
        }
        this.index = index;
        this.partitionKey = partitionKey;
        this.sortKey = sortKey;
        this.partitions = List.copyOf(partitions);
        this.prefix = prefix;
        this.consistent = consistent;
        this.projection = projection;
        this.names = Map.copyOf(names);
    }

    /** The table's items in {@code partitions} (PK) whose SK begins with {@code prefix}, read strongly consistent. */
    public static ShardedQuery ofTable(List<String> partitions, String prefix) {
        return new ShardedQuery(null, Keys.PK, Keys.SK, partitions, prefix, true, null, Map.of());
    }

    /** GSI2's entries in {@code partitions} whose GSI2SK begins with {@code prefix} ("" for all of them). */
    public static ShardedQuery ofIndex2(List<String> partitions, String prefix) {
        return new ShardedQuery(Keys.GSI2, Keys.GSI2PK, Keys.GSI2SK, partitions, prefix, false, null, Map.of());
    }

    /** Only the attributes {@code projection} names (the sort key is added: the merge orders by it). */
    public ShardedQuery projecting(String projection, Map<String, String> names) {
        return new ShardedQuery(index, partitionKey, sortKey, partitions, prefix, consistent, projection, names);
    }

    /** One page of at most {@code limit} items after {@code cursor}; a next cursor only when more items follow. */
    Page<ItemReader> page(Table table, String cursor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        String after = after(cursor);
        // Each partition is read a little ahead of its expected share of the page, so a page costs about one query
        // per partition; a partition whose share runs out reads on.
        int chunk = Math.min(limit + 1, Math.max(4, 2 * ((limit + partitions.size() - 1) / partitions.size()) + 1));
        PriorityQueue<Source> heads = start(table, after, chunk);
        List<ItemReader> items = new ArrayList<>();
        String last = null;
        while (items.size() < limit && !heads.isEmpty()) {
            ItemReader item = next(heads);
            items.add(item);
            last = item.string(sortKey);
        }
        String next = !heads.isEmpty() && last != null ? Cursors.of(Map.of(sortKey, AttributeValue.fromS(last))) : null;
        return new Page<>(items, next);
    }

    /**
     * Every item, in sort key order, handed to {@code each} as the partitions' pages are read (none kept but the pages
     * read ahead). Each partition is read on its own virtual thread, up to {@link #READ_AHEAD} pages
     * ahead of the merge: a listing of a million entries over 16 keys then takes about as long as one key's sixteenth
     * read in sequence (a post's plan, DATA-MODEL.md "Post a run"), not the sixteen one after another.
     */
    void each(Table table, Consumer<ItemReader> each) {
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            PriorityQueue<Source> heads = ordered();
            for (String partition : partitions) {
                Feed feed = new Feed(table, partition, threads);
                if (feed.head() != null) {
                    heads.add(feed);
                }
            }
            while (!heads.isEmpty()) {
                each.accept(next(heads));
            }
        } finally {
            threads.shutdownNow(); // a reader still blocked on a full queue (the merge failed) is interrupted
        }
    }

    private static PriorityQueue<Source> ordered() {
        return new PriorityQueue<>(Comparator.comparing(Source::headBytes, UTF8_ORDER));
    }

    /** The smallest head of all the partitions; its partition back in the queue while it has more. */
    private static ItemReader next(PriorityQueue<Source> heads) {
        Source source = heads.poll();
        ItemReader item = source.take();
        if (source.head() != null) {
            heads.add(source);
        }
        return item;
    }

    /** One partition's items in sort key order, as the merge takes them: a buffer filled a page at a time. */
    private abstract class Source {

        final Deque<ItemReader> buffer = new ArrayDeque<>();
        private byte[] headBytes;

        /** Adds the partition's next items to the buffer; false when it has no more. */
        abstract boolean fill();

        /** The next item (read on when the buffer is empty), or null when the partition has no more. */
        final ItemReader head() {
            while (buffer.isEmpty() && fill()) {
                // read on: a page may hold nothing in the listing's range
            }
            ItemReader head = buffer.peekFirst();
            headBytes = head == null ? null : head.string(sortKey).getBytes(StandardCharsets.UTF_8);
            return head;
        }

        final byte[] headBytes() {
            return headBytes;
        }

        final ItemReader take() {
            return buffer.pollFirst();
        }
    }

    /** Pages a partition's reader may hold ahead of the merge. */
    static final int READ_AHEAD = 4;
    private static final Object END = new Object();

    /** One partition read on its own thread, its pages handed over through a bounded queue. */
    private final class Feed extends Source {

        private final BlockingQueue<Object> pages = new ArrayBlockingQueue<>(READ_AHEAD);
        private boolean done;

        Feed(Table table, String partition, ExecutorService threads) {
            threads.execute(() -> {
                Shard shard = new Shard(table, partition, null, 0);
                try {
                    while (shard.head() != null) {
                        pages.put(shard.drain());
                    }
                    pages.put(END);
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException failed) {
                    try {
                        pages.put(failed);
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }

        @Override
        @SuppressWarnings("unchecked")
        boolean fill() {
            if (done) {
                return false;
            }
            Object next;
            try {
                next = pages.take();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while listing " + partitionKey, interrupted);
            }
            if (next == END) {
                done = true;
                return false;
            }
            if (next instanceof RuntimeException failed) {
                throw failed;
            }
            buffer.addAll((List<ItemReader>) next);
            return true;
        }
    }

    /** Reads the first items of every partition, all at once (each its own query), and orders the partitions. */
    private PriorityQueue<Source> start(Table table, String after, int chunk) {
        List<Shard> shards = partitions.stream().map(pk -> new Shard(table, pk, after, chunk)).toList();
        PriorityQueue<Source> heads = ordered();
        if (shards.size() == 1) {
            if (shards.getFirst().head() != null) {
                heads.add(shards.getFirst());
            }
            return heads;
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<ItemReader>> first = shards.stream()
                    .map(shard -> CompletableFuture.supplyAsync(shard::head, threads)).toList();
            for (int i = 0; i < shards.size(); i++) {
                if (first.get(i).join() != null) {
                    heads.add(shards.get(i));
                }
            }
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
        return heads;
    }

    /**
     * A cursor that resumes this query after {@code lastSortKey} (which must lie in its range: the prefix itself
     * resumes at the first item), carrying {@code fields} for the listing built on it.
     */
    public String cursorAfter(String lastSortKey, Map<String, String> fields) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(sortKey, AttributeValue.fromS(lastSortKey));
        fields.forEach((name, value) -> key.put(name, AttributeValue.fromS(value)));
        return Cursors.of(key);
    }

    /** A field a cursor of {@link #cursorAfter} carries, null when it has none (or there is no cursor). */
    public static String cursorField(String cursor, String name) {
        Map<String, AttributeValue> key = Cursors.startKey(cursor);
        return key == null || !key.containsKey(name) ? null : key.get(name).s();
    }

    /** The sort key a cursor resumes after (null for the first page); it must lie in this query's range. */
    private String after(String cursor) {
        Map<String, AttributeValue> key = Cursors.startKey(cursor);
        if (key == null) {
            return null;
        }
        AttributeValue last = key.get(sortKey);
        if (last == null || last.s() == null || !last.s().startsWith(prefix)) {
            throw new InvalidCursorException();
        }
        return last.s();
    }

    /** One partition's items in order, read a chunk (or, for a chunk of 0, a 1 MB page) at a time. */
    private final class Shard extends Source {

        private final Table table;
        private final String partition;
        private final String after;
        private final int chunk;
        private Map<String, AttributeValue> resumeAt;
        private boolean exhausted;

        Shard(Table table, String partition, String after, int chunk) {
            this.table = table;
            this.partition = partition;
            this.after = after;
            this.chunk = chunk;
        }

        @Override
        boolean fill() {
            if (exhausted) {
                return false;
            }
            read();
            return true;
        }

        /** Every item read so far and not taken, in order (the buffer emptied). */
        List<ItemReader> drain() {
            List<ItemReader> items = new ArrayList<>(buffer);
            buffer.clear();
            return items;
        }

        private void read() {
            Map<String, AttributeValue> values = new HashMap<>();
            Map<String, String> allNames = new HashMap<>(names);
            allNames.put("#shardedPk", partitionKey);
            allNames.put(SORT_NAME, sortKey);
            values.put(":shardedPk", AttributeValue.fromS(partition));
            String condition;
            if (after != null) {
                // One condition per sort key: "after the cursor"; the prefix's end is found by reading (below).
                condition = "#shardedPk = :shardedPk AND " + SORT_NAME + " > :shardedAfter";
                values.put(":shardedAfter", AttributeValue.fromS(after));
            } else if (!prefix.isEmpty()) {
                condition = "#shardedPk = :shardedPk AND begins_with(" + SORT_NAME + ", :shardedPrefix)";
                values.put(":shardedPrefix", AttributeValue.fromS(prefix));
            } else {
                condition = "#shardedPk = :shardedPk";
            }
            if (!condition.contains(SORT_NAME) && projection == null) {
                allNames.remove(SORT_NAME); // DynamoDB refuses a name the expressions do not use
            }
            Map<String, AttributeValue> from = resumeAt;
            QueryResponse page;
            try {
                page = table.queryPage(q -> {
                    q.keyConditionExpression(condition).expressionAttributeNames(allNames).expressionAttributeValues(values)
                            .consistentRead(consistent);
                    if (index != null) {
                        q.indexName(index);
                    }
                    if (projection != null) {
                        q.projectionExpression(projection + ", " + SORT_NAME);
                    }
                    if (chunk > 0) {
                        q.limit(chunk);
                    }
                    if (from != null) {
                        q.exclusiveStartKey(from);
                    }
                });
            } catch (DynamoDbException refused) {
                // A forged cursor's sort key that the key condition refuses (too long, not a string).
                if (after != null && refused.statusCode() == 400) {
                    throw new InvalidCursorException(refused);
                }
                throw refused;
            }
            for (var item : page.items()) {
                ItemReader read = ItemReader.of(item);
                if (!read.string(sortKey).startsWith(prefix)) {
                    exhausted = true; // past the prefix's range: sorted, so nothing after it is in the range
                    return;
                }
                buffer.addLast(read);
            }
            resumeAt = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            exhausted = resumeAt == null;
        }
    }
}

package com.billrun.store.dynamodb;

import com.billrun.store.InvalidCursorException;
import com.billrun.store.Page;
import com.billrun.store.TransientStoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The single table and the few operations the repositories need. Reads are strongly consistent where a decision
 * follows (is this account already billed by this run?). Throttling, server errors and unreachable endpoints
 * surface as {@link TransientStoreException}, which the state machine and the invoice queue retry.
 */
public final class Table {

    /** BatchWriteItem's and BatchGetItem's limits per call. */
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient dynamoDb;
    private final String name;

    public Table(DynamoDbClient dynamoDb, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("TABLE_NAME is not set");
        }
        this.dynamoDb = dynamoDb;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Optional<ItemReader> get(ItemKey key) {
        var item = call(() -> dynamoDb.getItem(b -> b.tableName(name).key(key.toAttributes()).consistentRead(true)));
        return item.hasItem() && !item.item().isEmpty() ? Optional.of(ItemReader.of(item.item())) : Optional.empty();
    }

    /** Items (in no particular order); missing keys are left out. */
    public List<ItemReader> getAll(List<ItemKey> keys) {
        return getAll(keys, null, Map.of());
    }

    /** Only the attributes a projection names, of items in no particular order; missing keys are left out. */
    public List<ItemReader> getAll(List<ItemKey> keys, String projection, Map<String, String> names) {
        return getAll(keys, projection, names, true);
    }

    /**
     * As {@link #getAll(List, String, Map)}, read eventually consistent: half the read units, and a write of the last
     * second may not show yet. For items written long before, or whose reader's writes are conditioned on them.
     */
    public List<ItemReader> getAllEventually(List<ItemKey> keys, String projection, Map<String, String> names) {
        return getAll(keys, projection, names, false);
    }

    private List<ItemReader> getAll(List<ItemKey> keys, String projection, Map<String, String> names, boolean consistent) {
        List<ItemReader> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> pending = keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT))
                    .stream().distinct().map(ItemKey::toAttributes).toList();
            while (!pending.isEmpty()) {
                KeysAndAttributes.Builder wanted = KeysAndAttributes.builder().keys(pending).consistentRead(consistent);
                if (projection != null) {
                    wanted.projectionExpression(projection);
                }
                if (!names.isEmpty()) {
                    wanted.expressionAttributeNames(names);
                }
                var request = Map.of(name, wanted.build());
                var response = call(() -> dynamoDb.batchGetItem(b -> b.requestItems(request)));
                response.responses().getOrDefault(name, List.of()).forEach(item -> found.add(ItemReader.of(item)));
                KeysAndAttributes unprocessed = response.unprocessedKeys().get(name);
                pending = unprocessed == null ? List.of() : unprocessed.keys();
                pauseIfThrottled(!pending.isEmpty());
            }
        }
        return found;
    }

    public void put(Map<String, AttributeValue> item) {
        call(() -> dynamoDb.putItem(b -> b.tableName(name).item(item)));
    }

    /** @return false when an item with that key already exists (nothing written) */
    public boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            call(() -> dynamoDb.putItem(b -> b.tableName(name).item(item).conditionExpression("attribute_not_exists(PK)")));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /** Deletes the item when {@code condition} holds; otherwise throws {@link ConditionalCheckFailedException}. */
    public void delete(ItemKey key, String condition, Map<String, AttributeValue> values) {
        call(() -> dynamoDb.deleteItem(b -> b.tableName(name).key(key.toAttributes()).conditionExpression(condition)
                .expressionAttributeValues(values)));
    }

    /** Writes many items, overwriting, in calls of 25 (unprocessed items are sent again). */
    public void putAll(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += BATCH_WRITE_LIMIT) {
            List<WriteRequest> pending = items.subList(from, Math.min(items.size(), from + BATCH_WRITE_LIMIT)).stream()
                    .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList();
            while (!pending.isEmpty()) {
                var request = Map.of(name, pending);
                pending = call(() -> dynamoDb.batchWriteItem(b -> b.requestItems(request)))
                        .unprocessedItems().getOrDefault(name, List.of());
                pauseIfThrottled(!pending.isEmpty());
            }
        }
    }

    /** Runs an UpdateItem on this table; a failed condition throws {@link ConditionalCheckFailedException}. */
    public Map<String, AttributeValue> update(Consumer<UpdateItemRequest.Builder> request) {
        return call(() -> dynamoDb.updateItem(b -> request.accept(b.tableName(name)))).attributes();
    }

    /** All in or nothing; a failed condition throws TransactionCanceledException with a reason per item. */
    public void transact(List<TransactWriteItem> items) {
        call(() -> dynamoDb.transactWriteItems(b -> b.transactItems(items)));
    }

    /**
     * Every item of the whole table that {@code filter} keeps, page after page. Only for the local runtime's restart
     * ({@code ./billrun serve --data}, on DynamoDB Local): no Lambda is granted {@code dynamodb:Scan} (TemplateTest).
     */
    public List<ItemReader> scanLocalTable(String filter, Map<String, String> names, Map<String, AttributeValue> values) {
        List<ItemReader> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = call(() -> dynamoDb.scan(b -> {
                b.tableName(name).filterExpression(filter).expressionAttributeNames(names).expressionAttributeValues(values)
                        .consistentRead(true);
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            }));
            page.items().forEach(item -> all.add(ItemReader.of(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return all;
    }

    /** One page of a query on the table or an index; {@code request} sets the key condition and the index. */
    public QueryResponse queryPage(Consumer<QueryRequest.Builder> request) {
        return call(() -> dynamoDb.query(b -> request.accept(b.tableName(name))));
    }

    /** Every item a query matches, following the pages. Use for bounded collections (a run's batches, a sub's usage). */
    public List<ItemReader> queryAll(Consumer<QueryRequest.Builder> request) {
        List<ItemReader> all = new ArrayList<>();
        queryEach(request, all::add);
        return all;
    }

    /**
     * Hands every item a query matches to {@code each}, page after page, keeping none: for a selection that may hold
     * a million items (a tenant's accounts), whose reader keeps only what it needs of each.
     */
    public void queryEach(Consumer<QueryRequest.Builder> request, Consumer<ItemReader> each) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = queryPage(b -> {
                request.accept(b);
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            });
            page.items().forEach(item -> each.accept(ItemReader.of(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /**
     * One page of at most {@code limit} items from {@code cursor} (a {@link Page#nextCursor()}, or null).
     *
     * @throws InvalidCursorException when the cursor is not one this query gave out
     */
    public Page<ItemReader> page(Consumer<QueryRequest.Builder> request, String cursor, int limit) {
        Map<String, AttributeValue> start = Cursors.startKey(cursor);
        QueryResponse page;
        try {
            page = queryPage(b -> {
                request.accept(b);
                b.limit(limit);
                if (start != null) {
                    b.exclusiveStartKey(start);
                }
            });
        } catch (DynamoDbException refused) {
            // A forged cursor decodes into a start key the query refuses (another partition, missing attributes).
            if (start != null && refused.statusCode() == 400) {
                throw new InvalidCursorException(refused);
            }
            throw refused;
        }
        return new Page<>(page.items().stream().map(ItemReader::of).toList(),
                page.hasLastEvaluatedKey() ? Cursors.of(page.lastEvaluatedKey()) : null);
    }

    /**
     * One page of a listing kept in several partition keys, merged in sort key order ({@link ShardedQuery}): the
     * cursor is the last sort key returned, so pages follow each other exactly as in one partition.
     *
     * @throws InvalidCursorException when the cursor is not one this query gave out
     */
    public Page<ItemReader> page(ShardedQuery query, String cursor, int limit) {
        return query.page(this, cursor, limit);
    }

    /** Every item of a listing kept in several partition keys, in sort key order, page after page, keeping none. */
    public void each(ShardedQuery query, Consumer<ItemReader> each) {
        query.each(this, each);
    }

    /** Every item of a listing kept in several partition keys, in sort key order. */
    public List<ItemReader> all(ShardedQuery query) {
        List<ItemReader> all = new ArrayList<>();
        query.each(this, all::add);
        return all;
    }

    /** Items of one partition whose sort key begins with {@code skPrefix} (all of them when it is empty). */
    public List<ItemReader> partition(String pk, String skPrefix) {
        if (skPrefix.isEmpty()) {
            return queryAll(q -> q.keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))).consistentRead(true));
        }
        return queryAll(q -> q.keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(skPrefix)))
                .consistentRead(true));
    }

    public TransactWriteItem putIfAbsentAction(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(name).item(item)
                .conditionExpression("attribute_not_exists(PK)")).build();
    }

    public TransactWriteItem putAction(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(name).item(item)).build();
    }

    public TransactWriteItem updateAction(ItemKey key, String update, String condition,
                                          Map<String, String> names, Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().update(u -> {
            u.tableName(name).key(key.toAttributes()).updateExpression(update).expressionAttributeValues(values);
            if (condition != null) {
                u.conditionExpression(condition);
            }
            if (!names.isEmpty()) {
                u.expressionAttributeNames(names);
            }
        }).build();
    }

    /** Unprocessed keys or items mean the table is throttling: give it a moment before sending them again. */
    private static void pauseIfThrottled(boolean throttled) {
        if (!throttled) {
            return;
        }
        try {
            Thread.sleep(50);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TransientStoreException("interrupted while throttled", interrupted);
        }
    }

    private static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (SdkServiceException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                throw new TransientStoreException("DynamoDB is busy: " + e.getMessage(), e);
            }
            throw e;
        } catch (SdkClientException e) {
            throw new TransientStoreException("DynamoDB is unreachable: " + e.getMessage(), e);
        }
    }
}

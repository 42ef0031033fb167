package com.billrun.local.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The write units AWS bills for a {@code TransactWriteItems} that succeeded (DynamoDB developer guide, "Amazon
 * DynamoDB Transactions: how it works", capacity management: two underlying writes of every item in the
 * transaction, prepare and commit, so 2 write units per KB of each item; "Provisioned throughput considerations
 * for global secondary indexes": a write to an indexed item also writes each index holding it, twice when it
 * changes the index's key, a delete and a put). The index entries are not items of the transaction: DynamoDB
 * propagates them afterwards, as for any write, so they are counted at the standard rate, 1 unit per KB (the guide
 * doubles only the transaction's own items; if AWS doubled index writes too, generate's figure would grow by the
 * {@code +index} figures the bench prints). DynamoDB Local does not report these right (see
 * {@link UsageMeter}), so they are computed: a put's item is in the request; an update's is read back after the
 * transaction, uncounted, with one BatchGetItem per table.
 * <p>
 * It also tells which partition keys took those units, the table's and each index's ({@link KeyWrites}), for every
 * write the meter sees: a transaction's (as above) and a standard one's ({@link #keysOf}: 1 unit per KB of the item
 * for the table's key, 1 per KB for each index entry, 2 where the write changes the index's key; an updated item read
 * back the same way; a deleted item counted at 1 unit, its size and index entries unknown). On AWS one partition key
 * takes at most 1,000 write units a second, whatever the table's throughput.
 */
final class TransactionWriteUnits {

    private static final Map<URI, TransactionWriteUnits> BY_ENDPOINT = new ConcurrentHashMap<>();
    private static final Pattern NAME = Pattern.compile("#[A-Za-z0-9_]+");

    private final DynamoDbClient uncounted;
    /** Table → its partition key attribute and global secondary indexes. */
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private record Index(String name, String partitionKey, Set<String> keys) {
    }

    private record Schema(String partitionKey, List<Index> indexes) {
    }

    /** Where {@link KeyWrites} says the table's own partition keys took units (an index is named by its name). */
    static final String TABLE = "table";

    /** Told of each write to a partition key: {@link #TABLE} or the index, the key's value, the write units. */
    @FunctionalInterface
    interface KeyWrites {
        void written(String tableOrIndex, String partitionKey, double units);
    }

    private TransactionWriteUnits(DynamoDbClient uncounted) {
        this.uncounted = uncounted;
    }

    /** One per endpoint, with its own client that the meter does not see. */
    static TransactionWriteUnits forEndpoint(Map<String, String> env) {
        URI endpoint = URI.create(env.getOrDefault("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"));
        return BY_ENDPOINT.computeIfAbsent(endpoint, uri -> new TransactionWriteUnits(DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).endpointOverride(uri)
                .region(Region.of(env.getOrDefault("AWS_REGION", "us-east-1")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        env.getOrDefault("AWS_ACCESS_KEY_ID", "local"), env.getOrDefault("AWS_SECRET_ACCESS_KEY", "local"))))
                .build()));
    }

    /**
     * The write units of a transaction, also added to {@code byKind} by the kind of item (its sort key's first
     * segment, e.g. {@code INV}, with {@code +index} for its index entries).
     */
    double of(TransactWriteItemsRequest request, java.util.function.ObjDoubleConsumer<String> byKind, KeyWrites keyWrites) {
        double units = 0;
        Map<String, List<Map<String, AttributeValue>>> updatedKeys = new HashMap<>();
        Map<String, Map<String, AttributeValue>> updateExpressions = new HashMap<>();
        for (TransactWriteItem action : request.transactItems()) {
            if (action.put() != null) {
                Map<String, AttributeValue> item = action.put().item();
                units += written(action.put().tableName(), item, Set.of(), 2, byKind, keyWrites);
            } else if (action.update() != null) {
                var update = action.update();
                updatedKeys.computeIfAbsent(update.tableName(), t -> new ArrayList<>()).add(update.key());
                updateExpressions.put(update.tableName() + "\u0000" + update.key(),
                        Map.of("expression", AttributeValue.fromS(update.updateExpression() == null ? "" : update.updateExpression()),
                                "names", AttributeValue.fromM(names(update.expressionAttributeNames()))));
            } else if (action.delete() != null) {
                long deleted = 2 * kilobytes(bytes(action.delete().key())); // the deleted item's size is not known: its key's
                units += deleted;
                keyWrites.written(TABLE, partitionKey(action.delete().tableName(), action.delete().key()), deleted);
            } else if (action.conditionCheck() != null) {
                units += 2; // a condition check is billed as a transactional read of the item; counted here at 1 KB
            }
        }
        for (var table : updatedKeys.entrySet()) {
            for (Map<String, AttributeValue> item : fetch(table.getKey(), table.getValue())) {
                Map<String, AttributeValue> key = keyOf(table.getValue(), item);
                var update = updateExpressions.get(table.getKey() + "\u0000" + key);
                Set<String> changed = update == null ? Set.of() : changedAttributes(update);
                units += written(table.getKey(), item, changed, 2, byKind, keyWrites);
            }
        }
        return units;
    }

    /**
     * The partition keys a standard write that succeeded wrote to, told to {@code keyWrites} (its units are what
     * DynamoDB reported: this only says where they went).
     */
    void keysOf(SdkRequest request, SdkResponse response, KeyWrites keyWrites) {
        switch (request) {
            case PutItemRequest put -> written(put.tableName(), put.item(), Set.of(), 1, null, keyWrites);
            case UpdateItemRequest update -> {
                Map<String, AttributeValue> names = names(update.expressionAttributeNames());
                Set<String> changed = changedAttributes(Map.of("expression",
                        AttributeValue.fromS(update.updateExpression() == null ? "" : update.updateExpression()),
                        "names", AttributeValue.fromM(names)));
                for (Map<String, AttributeValue> item : fetch(update.tableName(), List.of(update.key()))) {
                    written(update.tableName(), item, changed, 1, null, keyWrites);
                }
            }
            case DeleteItemRequest delete -> keyWrites.written(TABLE, partitionKey(delete.tableName(), delete.key()), 1);
            case BatchWriteItemRequest batch -> {
                var unprocessed = ((BatchWriteItemResponse) response).unprocessedItems();
                batch.requestItems().forEach((table, writes) -> {
                    List<WriteRequest> notDone = unprocessed.getOrDefault(table, List.of());
                    for (WriteRequest write : writes) {
                        if (notDone.contains(write)) {
                            continue; // sent again by the caller, and counted then
                        }
                        if (write.putRequest() != null) {
                            written(table, write.putRequest().item(), Set.of(), 1, null, keyWrites);
                        } else if (write.deleteRequest() != null) {
                            keyWrites.written(TABLE, partitionKey(table, write.deleteRequest().key()), 1);
                        }
                    }
                });
            }
            default -> {
            }
        }
    }

    /**
     * The units of one item written ({@code factor} per KB: 2 in a transaction, 1 otherwise) and of its index entries,
     * each told to {@code keyWrites}, and by kind to {@code byKind} when given.
     */
    private double written(String table, Map<String, AttributeValue> item, Set<String> changed, int factor,
                           java.util.function.ObjDoubleConsumer<String> byKind, KeyWrites keyWrites) {
        long kilobytes = kilobytes(bytes(item));
        keyWrites.written(TABLE, partitionKey(table, item), (double) factor * kilobytes);
        int indexWrites = indexesHolding(table, item, changed, keyWrites);
        if (byKind == null) {
            return (double) factor * kilobytes + kilobytes * indexWrites;
        }
        AttributeValue sk = item.get("SK");
        String kind = sk == null || sk.s() == null ? "?" : sk.s().split("#", 2)[0];
        byKind.accept(kind, (double) factor * kilobytes);
        if (indexWrites > 0) {
            byKind.accept(kind + "+index", (double) kilobytes * indexWrites);
        }
        byKind.accept(kind + ".items", 1);
        byKind.accept(kind + ".bytes", bytes(item));
        return (double) factor * kilobytes + kilobytes * indexWrites;
    }

    /** The value of the table's partition key in {@code item} (or a key). */
    private String partitionKey(String table, Map<String, AttributeValue> item) {
        AttributeValue key = item.get(schema(table).partitionKey());
        return key == null ? "?" : key.s() != null ? key.s() : String.valueOf(key);
    }

    private Schema schema(String table) {
        return schemas.computeIfAbsent(table, this::describe);
    }

    /** Index writes for an item: one per index holding it, two where {@code changed} touches the index's key. */
    private int indexesHolding(String table, Map<String, AttributeValue> item, Set<String> changed, KeyWrites keyWrites) {
        int writes = 0;
        long kilobytes = kilobytes(bytes(item));
        for (Index index : schema(table).indexes()) {
            if (item.keySet().containsAll(index.keys())) {
                int these = index.keys().stream().anyMatch(changed::contains) ? 2 : 1;
                writes += these;
                AttributeValue key = item.get(index.partitionKey());
                keyWrites.written(index.name(), key.s() != null ? key.s() : String.valueOf(key), (double) these * kilobytes);
            }
        }
        return writes;
    }

    private Schema describe(String table) {
        var description = uncounted.describeTable(b -> b.tableName(table)).table();
        String partitionKey = description.keySchema().stream().filter(k -> k.keyType() == KeyType.HASH).findFirst()
                .orElseThrow().attributeName();
        return new Schema(partitionKey, description.globalSecondaryIndexes().stream()
                .map(index -> new Index(index.indexName(), index.keySchema().getFirst().attributeName(),
                        Set.copyOf(index.keySchema().stream().map(KeySchemaElement::attributeName).toList())))
                .toList());
    }

    private List<Map<String, AttributeValue>> fetch(String table, List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + 100))).consistentRead(true).build());
            while (!pending.isEmpty()) {
                var request = pending;
                var response = uncounted.batchGetItem(b -> b.requestItems(request));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.unprocessedKeys();
            }
        }
        return items;
    }

    private static Map<String, AttributeValue> keyOf(List<Map<String, AttributeValue>> keys, Map<String, AttributeValue> item) {
        for (Map<String, AttributeValue> key : keys) {
            if (key.entrySet().stream().allMatch(e -> e.getValue().equals(item.get(e.getKey())))) {
                return key;
            }
        }
        return Map.of();
    }

    private static Map<String, AttributeValue> names(Map<String, String> names) {
        Map<String, AttributeValue> copy = new HashMap<>();
        names.forEach((placeholder, name) -> copy.put(placeholder, AttributeValue.fromS(name)));
        return copy;
    }

    /** The attributes an update expression names (placeholders resolved): a superset of what it changes. */
    private static Set<String> changedAttributes(Map<String, AttributeValue> update) {
        String expression = update.get("expression").s();
        Map<String, AttributeValue> names = update.get("names").m();
        String resolved = NAME.matcher(expression).replaceAll(m -> {
            AttributeValue name = names.get(m.group());
            return name == null ? m.group() : name.s();
        });
        return java.util.Arrays.stream(resolved.split("[^A-Za-z0-9_]+")).filter(word -> !word.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Kilobytes as DynamoDB rounds a write: up, at least one. */
    static long kilobytes(long bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }

    /**
     * An item's size as DynamoDB counts it (developer guide, "Item sizes and formats"): attribute names plus values,
     * strings as UTF-8, numbers about one byte per two significant digits plus one, 3 bytes per map or list plus one
     * per element, 1 byte for a boolean or null.
     */
    static long bytes(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (var attribute : item.entrySet()) {
            bytes += utf8(attribute.getKey()) + bytes(attribute.getValue());
        }
        return bytes;
    }

    private static long bytes(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return (value.n().replaceAll("[^0-9]", "").replaceFirst("^0+", "").length() + 1) / 2 + 1;
        }
        if (value.b() != null) {
            return value.b().asByteArrayUnsafe().length;
        }
        if (value.hasM()) {
            return 3 + value.m().size() + bytes(value.m());
        }
        if (value.hasL()) {
            return 3 + value.l().size() + value.l().stream().mapToLong(TransactionWriteUnits::bytes).sum();
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(TransactionWriteUnits::utf8).sum();
        }
        if (value.hasNs()) {
            return value.ns().stream().mapToLong(n -> n.length() / 2 + 1).sum();
        }
        return 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}

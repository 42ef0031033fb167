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
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
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
 */
final class TransactionWriteUnits {

    private static final Map<URI, TransactionWriteUnits> BY_ENDPOINT = new ConcurrentHashMap<>();
    private static final Pattern NAME = Pattern.compile("#[A-Za-z0-9_]+");

    private final DynamoDbClient uncounted;
    /** Table → its global secondary indexes: name and key attributes (partition key first). */
    private final Map<String, List<Index>> indexKeys = new ConcurrentHashMap<>();

    private record Index(String name, String partitionKey, Set<String> keys) {
    }

    /** Told of each index write: the index, its partition key's value, the write units. */
    @FunctionalInterface
    interface IndexWrites {
        void written(String index, String partitionKey, double units);
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
    double of(TransactWriteItemsRequest request, java.util.function.ObjDoubleConsumer<String> byKind, IndexWrites indexWrites) {
        double units = 0;
        Map<String, List<Map<String, AttributeValue>>> updatedKeys = new HashMap<>();
        Map<String, Map<String, AttributeValue>> updateExpressions = new HashMap<>();
        for (TransactWriteItem action : request.transactItems()) {
            if (action.put() != null) {
                Map<String, AttributeValue> item = action.put().item();
                units += written(item, indexesHolding(action.put().tableName(), item, Set.of(), indexWrites), byKind);
            } else if (action.update() != null) {
                var update = action.update();
                updatedKeys.computeIfAbsent(update.tableName(), t -> new ArrayList<>()).add(update.key());
                updateExpressions.put(update.tableName() + "\u0000" + update.key(),
                        Map.of("expression", AttributeValue.fromS(update.updateExpression() == null ? "" : update.updateExpression()),
                                "names", AttributeValue.fromM(names(update.expressionAttributeNames()))));
            } else if (action.delete() != null) {
                units += 2 * kilobytes(bytes(action.delete().key())); // the deleted item's size is not known: its key's
            } else if (action.conditionCheck() != null) {
                units += 2; // a condition check is billed as a transactional read of the item; counted here at 1 KB
            }
        }
        for (var table : updatedKeys.entrySet()) {
            for (Map<String, AttributeValue> item : fetch(table.getKey(), table.getValue())) {
                Map<String, AttributeValue> key = keyOf(table.getValue(), item);
                var update = updateExpressions.get(table.getKey() + "\u0000" + key);
                Set<String> changed = update == null ? Set.of() : changedAttributes(update);
                units += written(item, indexesHolding(table.getKey(), item, changed, indexWrites), byKind);
            }
        }
        return units;
    }

    private static double written(Map<String, AttributeValue> item, int indexWrites, java.util.function.ObjDoubleConsumer<String> byKind) {
        long kilobytes = kilobytes(bytes(item));
        AttributeValue sk = item.get("SK");
        String kind = sk == null || sk.s() == null ? "?" : sk.s().split("#", 2)[0];
        byKind.accept(kind, 2.0 * kilobytes);
        if (indexWrites > 0) {
            byKind.accept(kind + "+index", (double) kilobytes * indexWrites);
        }
        byKind.accept(kind + ".items", 1);
        byKind.accept(kind + ".bytes", bytes(item));
        return 2.0 * kilobytes + kilobytes * indexWrites;
    }

    /** Index writes for an item: one per index holding it, two where {@code changed} touches the index's key. */
    private int indexesHolding(String table, Map<String, AttributeValue> item, Set<String> changed, IndexWrites indexWrites) {
        int writes = 0;
        long kilobytes = kilobytes(bytes(item));
        for (Index index : indexKeys.computeIfAbsent(table, this::describeIndexes)) {
            if (item.keySet().containsAll(index.keys())) {
                int these = index.keys().stream().anyMatch(changed::contains) ? 2 : 1;
                writes += these;
                AttributeValue key = item.get(index.partitionKey());
                indexWrites.written(index.name(), key.s() != null ? key.s() : String.valueOf(key), (double) these * kilobytes);
            }
        }
        return writes;
    }

    private List<Index> describeIndexes(String table) {
        return uncounted.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().stream()
                .map(index -> new Index(index.indexName(), index.keySchema().getFirst().attributeName(),
                        Set.copyOf(index.keySchema().stream().map(KeySchemaElement::attributeName).toList())))
                .toList();
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

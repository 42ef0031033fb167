package com.billrun.store;

import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A run's batches ({@code T#{t}#RUN#{id}} / {@code BATCH#{00001}}). */
public final class BatchRepository {

    private static final String ACCOUNT_IDS = "accountIds";
    private static final String COUNTS = "counts";
    private static final String TOTALS = "totals";

    private final Table table;

    public BatchRepository(Table table) {
        this.table = table;
    }

    /**
     * Stores the selection cut into batches of {@code batchSize}, ids {@code 00001}, {@code 00002}, ... in order.
     * Writing the same selection again overwrites the same items, so a retried Prepare is harmless.
     */
    public List<String> store(String tenantId, String billRunId, List<String> accountIds, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1: " + batchSize);
        }
        List<String> ids = new ArrayList<>();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < accountIds.size(); from += batchSize) {
            String batchId = idOf(ids.size() + 1);
            ids.add(batchId);
            items.add(Item.at(Keys.batch(tenantId, billRunId, batchId)).string("batchId", batchId)
                    .strings(ACCOUNT_IDS, accountIds.subList(from, Math.min(accountIds.size(), from + batchSize)))
                    .build());
        }
        table.putAll(items);
        return ids;
    }

    /** The id of the {@code number}th batch (1-based): {@code 00001}, so that ids sort as they were cut. */
    public static String idOf(int number) {
        return "%05d".formatted(number);
    }

    public Optional<RunBatch> find(String tenantId, String billRunId, String batchId) {
        return table.get(Keys.batch(tenantId, billRunId, batchId)).map(BatchRepository::fromItem);
    }

    /** Every batch of the run, in id order. */
    public List<RunBatch> all(String tenantId, String billRunId) {
        return table.partition(Keys.runPartition(tenantId, billRunId), Keys.BATCH_PREFIX).stream()
                .map(BatchRepository::fromItem).toList();
    }

    /** Records what the batch produced; the same summary written twice (a redelivery) leaves it the same. */
    public void recordSummary(String tenantId, String billRunId, String batchId, BatchSummary summary) {
        table.update(u -> u.key(Keys.batch(tenantId, billRunId, batchId).toAttributes())
                .updateExpression("SET #counts = :counts, #totals = :totals")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeNames(Map.of("#counts", COUNTS, "#totals", TOTALS))
                .expressionAttributeValues(Map.of(
                        ":counts", AttributeValue.fromM(BillRunMapper.counts(summary.counts())),
                        ":totals", AttributeValue.fromM(BillRunMapper.totals(summary.totals())))));
    }

    private static RunBatch fromItem(ItemReader item) {
        Optional<BatchSummary> summary = item.has(COUNTS)
                ? Optional.of(new BatchSummary(BillRunMapper.counts(ItemReader.of(item.map(COUNTS))),
                        BillRunMapper.totals(item.map(TOTALS))))
                : Optional.empty();
        return new RunBatch(item.string("batchId"), item.strings(ACCOUNT_IDS), summary);
    }
}

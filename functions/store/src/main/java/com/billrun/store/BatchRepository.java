package com.billrun.store;

import com.billrun.store.dynamodb.Conditions;
import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.ItemKey;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** A run's batches ({@code T#{t}#RUN#{id}} / {@code BATCH#{00001}}). */
public final class BatchRepository {

    private static final String ACCOUNT_IDS = "accountIds";
    private static final String COUNTS = "counts";
    private static final String TOTALS = "totals";
    private static final String FAILURE = "failure";
    private static final int ATTEMPTS = 10;

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

    /**
     * Records what the batch produced on the batch item and adds it to the run's progress, in one transaction and
     * only the first time: the batch write is conditioned on no summary being there yet, so a redelivered batch
     * (which computes the same summary from the outcomes already recorded) adds nothing. A run item without a
     * progress map (stored before progress existed) gets the batch's summary alone.
     *
     * @return false when the batch's summary was already recorded (nothing written)
     */
    public boolean recordSummary(String tenantId, String billRunId, String batchId, BatchSummary summary) {
        TransactWriteItem batchWrite = table.updateAction(Keys.batch(tenantId, billRunId, batchId),
                "SET #counts = :counts, #totals = :totals", "attribute_exists(PK) AND attribute_not_exists(#counts)",
                Map.of("#counts", COUNTS, "#totals", TOTALS),
                Map.of(":counts", AttributeValue.fromM(BillRunMapper.counts(summary.counts())),
                        ":totals", AttributeValue.fromM(BillRunMapper.totals(summary.totals()))));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                table.transact(List.of(batchWrite, progressWrite(tenantId, billRunId, summary)));
                return true;
            } catch (TransactionCanceledException refused) {
                if (Conditions.failed(refused, 0)) {
                    return false;
                }
                if (Conditions.failed(refused, 1)) {
                    return recordedAlone(batchWrite);
                }
                if (!Conditions.conflicted(refused)) {
                    throw refused;
                }
                // Another batch of the run was adding its summary at the same instant: try again.
                pause(attempt);
            }
        }
        throw new TransientStoreException("could not record batch " + batchId + " of run " + billRunId
                + ": contention on the run item", null);
    }

    /** ADD on each figure of the run's progress map: no read, no lost update, whatever the order of the batches. */
    private TransactWriteItem progressWrite(String tenantId, String billRunId, BatchSummary summary) {
        Map<String, String> names = new HashMap<>(Map.of("#progress", BillRunMapper.PROGRESS,
                "#done", BillRunMapper.BATCHES_DONE, "#processed", "accountsProcessed", "#invoices", "invoicesGenerated",
                "#failed", "failedAccounts", "#totals", TOTALS));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", AttributeValue.fromN("1"),
                ":processed", n(summary.counts().accountsProcessed()), ":invoices", n(summary.counts().invoicesGenerated()),
                ":failed", n(summary.counts().failedAccounts())));
        StringBuilder add = new StringBuilder("ADD #progress.#done :one, #progress.#processed :processed, "
                + "#progress.#invoices :invoices, #progress.#failed :failed");
        int i = 0;
        for (var total : summary.totals().byCurrency().entrySet()) {
            names.put("#c" + i, total.getKey());
            values.put(":t" + i, AttributeValue.fromN(total.getValue().toPlainString()));
            add.append(", #progress.#totals.#c").append(i).append(" :t").append(i);
            i++;
        }
        return table.updateAction(Keys.billRun(tenantId, billRunId), add.toString(),
                "attribute_exists(#progress.#totals)", names, values);
    }

    private boolean recordedAlone(TransactWriteItem batchWrite) {
        try {
            table.transact(List.of(batchWrite));
            return true;
        } catch (TransactionCanceledException refused) {
            if (Conditions.failed(refused, 0)) {
                return false;
            }
            throw refused;
        }
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L << Math.min(attempt, 5)));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TransientStoreException("interrupted while recording a batch", interrupted);
        }
    }

    /**
     * Records on the batch item why the worker gave up on it, for the run's error (the Distributed Map only says that a
     * child failed): {@code failure = {error, message, at}}, conditioned on the batch existing and having no summary
     * (a batch already invoiced did not fail). A later failure of the same batch (a redelivery) replaces it.
     *
     * @return false when there is no such batch or it was already invoiced (nothing written)
     */
    public boolean recordFailure(String tenantId, String billRunId, String batchId, BatchFailure failure) {
        ItemKey key = Keys.batch(tenantId, billRunId, batchId);
        try {
            table.update(b -> b.key(key.toAttributes())
                    .updateExpression("SET #failure = :failure")
                    .conditionExpression("attribute_exists(PK) AND attribute_not_exists(#counts)")
                    .expressionAttributeNames(Map.of("#failure", FAILURE, "#counts", COUNTS))
                    .expressionAttributeValues(Map.of(":failure", AttributeValue.fromM(Map.of(
                            "error", AttributeValue.fromS(failure.error()),
                            "message", AttributeValue.fromS(failure.message()),
                            "at", AttributeValue.fromS(failure.at().toString()))))));
            return true;
        } catch (ConditionalCheckFailedException absentOrInvoiced) {
            return false;
        }
    }

    private static RunBatch fromItem(ItemReader item) {
        Optional<BatchSummary> summary = item.has(COUNTS)
                ? Optional.of(new BatchSummary(BillRunMapper.counts(ItemReader.of(item.map(COUNTS))),
                        BillRunMapper.totals(item.map(TOTALS))))
                : Optional.empty();
        Optional<BatchFailure> failure = Optional.empty();
        if (item.has(FAILURE)) {
            ItemReader recorded = ItemReader.of(item.map(FAILURE));
            failure = Optional.of(new BatchFailure(recorded.string("error"), recorded.string("message"),
                    Instant.parse(recorded.string("at"))));
        }
        return new RunBatch(item.string("batchId"), item.strings(ACCOUNT_IDS), summary, failure);
    }
}

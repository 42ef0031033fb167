package com.billrun.store.dynamodb;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * Every key of the single table (DATA-MODEL.md). Each one starts with the tenant ({@code T#{tenant}}), so a
 * query built here for tenant B can never return an item of tenant A. Ids may not contain {@code #}, the
 * separator: an id that did could forge another item's key.
 */
public final class Keys {

    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI1PK = "GSI1PK";
    public static final String GSI1SK = "GSI1SK";
    public static final String GSI2 = "GSI2";
    public static final String GSI2PK = "GSI2PK";
    public static final String GSI2SK = "GSI2SK";

    /** Sort-key values and prefixes the repositories filter or query on. */
    public static final String ACCOUNT = "ACCOUNT";
    public static final String BATCH_PREFIX = "BATCH#";
    public static final String RUN_ACCOUNT_PREFIX = "ACCT#";
    public static final String FAILURE_PREFIX = "FAIL#";
    public static final String SUBSCRIPTION_PREFIX = "SUB#";
    /** A subscription's reference (its entry in GSI1, "subscription by id"); {@code SUB#} is not a prefix of it. */
    public static final String SUBSCRIPTION_REFERENCE_PREFIX = "SUBREF#";
    /** An account's listing (its entries in GSI1 "accounts" and GSI2 "bill cycle day"). */
    public static final String LISTING = "LISTING";
    public static final String USAGE_PREFIX = "USAGE#";
    public static final String SCHEDULE_PREFIX = "SCHEDULE#";
    public static final String PAYMENT_PREFIX = "PAY#";
    public static final String POST_GROUP_PREFIX = "PG#";

    /**
     * Shards of a run's two hot keys (DATA-MODEL.md "Sharded run keys"): its invoice index key and the partition of
     * its account outcomes, each spread over this many partition keys, a run's writes over 16 partitions' 1,000 write
     * units a second. Stored on the run item ({@code shards}) when it is created; a run item without it is a run
     * created before sharding, whose keys are the unsharded ones ({@link #UNSHARDED}).
     */
    public static final int RUN_SHARDS = 16;
    /** The layout of runs created before sharding: one invoice index key, the outcomes in the run's partition. */
    public static final int UNSHARDED = 0;

    private static final String SETTINGS = "SETTINGS";
    private static final String RUN = "RUN";
    private static final String INVOICE = "INVOICE";
    private static final String LOCAL_SCHEDULER = "LOCAL#SCHEDULES";
    private static final String IDEMPOTENCY_PREFIX = "IDEM#";

    private Keys() {
    }

    public static String tenant(String tenantId) {
        return "T#" + id("tenantId", tenantId);
    }

    public static ItemKey settings(String tenantId) {
        return new ItemKey(tenant(tenantId), SETTINGS);
    }

    public static ItemKey counter(String tenantId, String name) {
        return new ItemKey(tenant(tenantId), "COUNTER#" + id("counter", name));
    }

    public static ItemKey schedule(String tenantId, String scheduleId) {
        return new ItemKey(tenant(tenantId), SCHEDULE_PREFIX + id("scheduleId", scheduleId));
    }

    /**
     * GSI1 partition of the schedules the local runtime fires ({@code SCHEDULER_MODE=local} only; on AWS,
     * EventBridge Scheduler fires them and no item has this key). Sorted by next firing, so "what is due" is one
     * range query over every tenant.
     */
    public static String localSchedulerIndex() {
        return LOCAL_SCHEDULER;
    }

    /** GSI1 sort key of a locally fired schedule: its next firing (ISO-8601 UTC, whole seconds) first. */
    public static String localSchedulerSort(Instant nextRunAt, String tenantId, String scheduleId) {
        return nextRunAt + "#" + id("tenantId", tenantId) + "#" + id("scheduleId", scheduleId);
    }

    /** The account's item collection: the account, its subscriptions, usage and payments. */
    public static String accountPartition(String tenantId, String accountId) {
        return tenant(tenantId) + "#A#" + id("accountId", accountId);
    }

    public static ItemKey account(String tenantId, String accountId) {
        return new ItemKey(accountPartition(tenantId, accountId), ACCOUNT);
    }

    /**
     * The small item that carries the account's index keys (GSI1 {@link #accountsIndex}, GSI2
     * {@link #billCycleDayIndex}), so that a balance write to the account item rewrites no index entry.
     */
    public static ItemKey accountListing(String tenantId, String accountId) {
        return new ItemKey(accountPartition(tenantId, accountId), LISTING);
    }

    public static String accountsIndex(String tenantId) {
        return tenant(tenantId) + "#ACCOUNTS";
    }

    /** GSI1 sort key of an account: its batch first, so "the accounts of Batch7" is a begins_with. */
    public static String accountsIndexSort(String batch, String accountId) {
        return batchPrefix(batch) + "A#" + accountId;
    }

    public static String batchPrefix(String batch) {
        return "B#" + id("batch", batch) + "#";
    }

    public static String billCycleDayIndex(String tenantId, int billCycleDay) {
        return tenant(tenantId) + "#BCD#" + billCycleDay;
    }

    public static ItemKey subscription(String tenantId, String accountId, String subscriptionId) {
        return new ItemKey(accountPartition(tenantId, accountId), SUBSCRIPTION_PREFIX + id("subscriptionId", subscriptionId));
    }

    /**
     * The small item, in the account's collection, that carries the subscription's GSI1 key
     * ({@link #subscriptionIndex}), so that a run's charged-through update rewrites no index entry.
     */
    public static ItemKey subscriptionReference(String tenantId, String accountId, String subscriptionId) {
        return new ItemKey(accountPartition(tenantId, accountId), SUBSCRIPTION_REFERENCE_PREFIX + id("subscriptionId", subscriptionId));
    }

    public static String subscriptionIndex(String tenantId, String subscriptionId) {
        return tenant(tenantId) + "#SUB#" + id("subscriptionId", subscriptionId);
    }

    public static ItemKey usage(String tenantId, String accountId, String subscriptionId, String chargeId,
                                LocalDate date, String usageId) {
        return new ItemKey(accountPartition(tenantId, accountId), USAGE_PREFIX + id("subscriptionId", subscriptionId)
                + "#" + id("chargeId", chargeId) + "#" + date + "#" + id("usageId", usageId));
    }

    /** Payments sort by date within the account's collection: the history reads oldest first in one query. */
    public static ItemKey payment(String tenantId, String accountId, LocalDate date, String paymentId) {
        return new ItemKey(accountPartition(tenantId, accountId), PAYMENT_PREFIX + date + "#" + id("paymentId", paymentId));
    }

    /**
     * A client's Idempotency-Key, kept in the tenant's own partition. The key is the client's text as sent (it may
     * hold '#'): behind the {@code IDEM#} prefix it can only ever name another idempotency record of the same tenant.
     */
    public static ItemKey idempotencyKey(String tenantId, String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("an Idempotency-Key is required");
        }
        return new ItemKey(tenant(tenantId), IDEMPOTENCY_PREFIX + key);
    }

    /** The run's item collection: the run, its batches, account outcomes, failures and notification records. */
    public static String runPartition(String tenantId, String billRunId) {
        return tenant(tenantId) + "#RUN#" + id("billRunId", billRunId);
    }

    public static ItemKey billRun(String tenantId, String billRunId) {
        return new ItemKey(runPartition(tenantId, billRunId), RUN);
    }

    /**
     * One page of a run's post plan ({@code InvoicePosting}): a partition of its own, so that pages committed at once
     * share no item and no partition.
     */
    public static ItemKey postPage(String tenantId, String billRunId, String planId, int page) {
        return new ItemKey(runPartition(tenantId, billRunId) + "#PLAN#" + planId + "#" + page, "POST_PAGE");
    }

    public static String runsIndex(String tenantId) {
        return tenant(tenantId) + "#RUNS";
    }

    public static ItemKey batch(String tenantId, String billRunId, String batchId) {
        return new ItemKey(runPartition(tenantId, billRunId), BATCH_PREFIX + id("batchId", batchId));
    }

    /**
     * A run-account outcome: sort key {@code ACCT#{accountId}}, partition {@code T#{t}#RUN#{runId}#ACCT#{s}} with
     * {@code s = shard(accountId, shards)} for a sharded run, the run's own partition for an {@link #UNSHARDED} one.
     */
    public static ItemKey runAccount(String tenantId, String billRunId, int shards, String accountId) {
        String sharded = shards == UNSHARDED ? runPartition(tenantId, billRunId)
                : runAccountsPartition(tenantId, billRunId, shard(id("accountId", accountId), shards));
        return new ItemKey(sharded, RUN_ACCOUNT_PREFIX + id("accountId", accountId));
    }

    /**
     * A post group of a run (DATA-MODEL.md "Post groups"): the invoices one generate transaction wrote, posted
     * together. Sort key {@code PG#{groupId}}, partition {@code T#{t}#RUN#{runId}#PG#{s}} with
     * {@code s = shard(groupId, RUN_SHARDS)}.
     */
    public static ItemKey postGroup(String tenantId, String billRunId, String groupId) {
        return new ItemKey(postGroupsPartition(tenantId, billRunId, shard(id("groupId", groupId), RUN_SHARDS)),
                POST_GROUP_PREFIX + groupId);
    }

    /** Every partition holding a run's post groups, in shard order. */
    public static List<String> postGroupPartitions(String tenantId, String billRunId) {
        return IntStream.range(0, RUN_SHARDS).mapToObj(s -> postGroupsPartition(tenantId, billRunId, s)).toList();
    }

    private static String postGroupsPartition(String tenantId, String billRunId, int shard) {
        return runPartition(tenantId, billRunId) + "#PG#" + shard;
    }

    /** Every partition holding a run's outcomes (under {@link #RUN_ACCOUNT_PREFIX}), in shard order. */
    public static List<String> runAccountPartitions(String tenantId, String billRunId, int shards) {
        if (shards == UNSHARDED) {
            return List.of(runPartition(tenantId, billRunId));
        }
        return IntStream.range(0, shards).mapToObj(s -> runAccountsPartition(tenantId, billRunId, s)).toList();
    }

    private static String runAccountsPartition(String tenantId, String billRunId, int shard) {
        return runPartition(tenantId, billRunId) + "#ACCT#" + shard;
    }

    /**
     * The shard of an id among {@code shards}: the CRC-32 of its UTF-8 bytes modulo {@code shards}. Part of the
     * stored format: items already written are found by it, so it may never change.
     */
    public static int shard(String id, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be positive: " + shards);
        }
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % shards);
    }

    /** {@code subscriptionId} null: the whole account failed. */
    public static ItemKey failure(String tenantId, String billRunId, String accountId, String subscriptionId) {
        return new ItemKey(runPartition(tenantId, billRunId), FAILURE_PREFIX + id("accountId", accountId) + "#"
                + (subscriptionId == null ? "-" : id("subscriptionId", subscriptionId)));
    }

    public static ItemKey invoice(String tenantId, String invoiceId) {
        return new ItemKey(tenant(tenantId) + "#INV#" + id("invoiceId", invoiceId), INVOICE);
    }

    public static ItemKey creditNote(String tenantId, String creditNoteId) {
        return new ItemKey(tenant(tenantId) + "#CN#" + id("creditNoteId", creditNoteId), "CREDIT_NOTE");
    }

    /** GSI1: an account's credit notes, sorted {@code {date}#{createdAt}#{id}}. */
    public static String accountCreditNotesIndex(String tenantId, String accountId) {
        return tenant(tenantId) + "#A#" + id("accountId", accountId) + "#CN";
    }

    /** GSI2: an invoice's credit notes, sorted {@code {createdAt}#{id}}. */
    public static String invoiceCreditNotesIndex(String tenantId, String invoiceId) {
        return tenant(tenantId) + "#INV#" + id("invoiceId", invoiceId) + "#CN";
    }

    public static String accountInvoicesIndex(String tenantId, String accountId) {
        return accountPartition(tenantId, accountId) + "#INV";
    }

    /**
     * GSI2 partition key of a run's invoice: {@code T#{t}#RUN#{runId}#INV#{s}} with {@code s = shard(invoiceId,
     * shards)} for a sharded run, {@code T#{t}#RUN#{runId}#INV} for an {@link #UNSHARDED} one.
     */
    public static String runInvoicesIndex(String tenantId, String billRunId, int shards, String invoiceId) {
        String unsharded = runPartition(tenantId, billRunId) + "#INV";
        return shards == UNSHARDED ? unsharded : unsharded + "#" + shard(id("invoiceId", invoiceId), shards);
    }

    /** Every GSI2 partition key holding a run's invoices, in shard order. */
    public static List<String> runInvoicesIndexes(String tenantId, String billRunId, int shards) {
        String unsharded = runPartition(tenantId, billRunId) + "#INV";
        if (shards == UNSHARDED) {
            return List.of(unsharded);
        }
        return IntStream.range(0, shards).mapToObj(s -> unsharded + "#" + s).toList();
    }

    /** GSI2 sort key of an invoice: status first, so a run's DRAFT invoices are one begins_with away. */
    public static String runInvoicesIndexSort(String status, String invoiceId) {
        return status + "#" + invoiceId;
    }

    /** An id as a key part: required, and without the separator {@code #}. */
    public static String id(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.indexOf('#') >= 0) {
            throw new IllegalArgumentException(what + " may not contain '#': " + value);
        }
        return value;
    }
}

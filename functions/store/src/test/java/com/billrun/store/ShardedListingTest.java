package com.billrun.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.ShardedQuery;
import com.billrun.store.dynamodb.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A whole listing over several partition keys ({@code ShardedQuery.each}, the post's plan): each partition read on
 * its own thread, several 1 MB pages each and more than the pages it may read ahead, merged in sort key order; a
 * merge that stops, or a partition whose query fails, ends the listing with that error instead of leaving readers
 * blocked. The timeouts only guard against a hang.
 */
class ShardedListingTest {

    private static final List<String> PARTITIONS = List.of("T#listing#P#0", "T#listing#P#1", "T#listing#P#2");
    /** 150 items of about 40 KB a partition: six 1 MB pages each, more than ShardedQuery's 4 read ahead. */
    private static final int PER_PARTITION = 150;
    private static final String PADDING = "x".repeat(40_000);
    private static BillrunStore store;

    @BeforeAll
    static void items() {
        store = LocalTable.create();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int p = 0; p < PARTITIONS.size(); p++) {
            for (int i = 0; i < PER_PARTITION; i++) {
                Map<String, AttributeValue> item = new HashMap<>();
                item.put(Keys.PK, AttributeValue.fromS(PARTITIONS.get(p)));
                // Sort keys interleave across the partitions: item n of the whole listing is in partition n % 3.
                item.put(Keys.SK, AttributeValue.fromS("ITEM#%05d".formatted(i * PARTITIONS.size() + p)));
                item.put("padding", AttributeValue.fromS(PADDING));
                items.add(item);
            }
        }
        store.table().putAll(items);
    }

    private static ShardedQuery listing() {
        return ShardedQuery.ofTable(PARTITIONS, "ITEM#");
    }

    @Test
    @Timeout(120)
    void everyItemOfEveryPartitionComesOnceInSortKeyOrder() {
        List<String> keys = new ArrayList<>();
        store.table().each(listing(), item -> keys.add(item.string(Keys.SK)));

        assertEquals(IntStream.range(0, PER_PARTITION * PARTITIONS.size()).mapToObj("ITEM#%05d"::formatted).toList(), keys);
    }

    @Test
    @Timeout(120)
    void aMergeThatStopsEndsTheListingWithItsErrorAndLeavesNoReaderBlocked() {
        AtomicInteger seen = new AtomicInteger();
        var stopped = assertThrows(IllegalStateException.class, () -> store.table().each(listing(), item -> {
            if (seen.incrementAndGet() == 10) {
                throw new IllegalStateException("the caller gave up");
            }
        }));

        assertEquals("the caller gave up", stopped.getMessage());
        assertEquals(10, seen.get());
    }

    @Test
    @Timeout(120)
    void aPartitionWhoseQueryFailsEndsTheListingWithThatFailure() {
        AtomicInteger queriesOfP1 = new AtomicInteger();
        ExecutionInterceptor thirdPageOfP1Fails = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof QueryRequest query
                        && PARTITIONS.get(1).equals(query.expressionAttributeValues().get(":shardedPk").s())
                        && queriesOfP1.incrementAndGet() == 3) {
                    throw new IllegalStateException("DynamoDB refused the third page of P#1");
                }
            }
        };
        Table faulty = new Table(LocalTable.client(thirdPageOfP1Fails), store.table().name());
        List<ItemReader> seen = new ArrayList<>();

        var failed = assertThrows(RuntimeException.class, () -> faulty.each(listing(), seen::add));

        StringBuilder causes = new StringBuilder();
        for (Throwable t = failed; t != null; t = t.getCause()) {
            causes.append(t).append(" / ");
        }
        assertTrue(causes.toString().contains("third page of P#1"), causes.toString());
        assertTrue(seen.size() < PER_PARTITION * PARTITIONS.size(), "the listing stopped: " + seen.size());
        assertEquals(3, queriesOfP1.get(), "P#1 was not read on after its failure");
    }
}

package com.billrun.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capacity model's arithmetic on fixed units (a bench of 1,000 accounts, batches of 500), each figure worked
 * out by hand below, for 1,000,000 accounts (every unit × 1,000).
 */
class CapacityModelTest {

    static BenchUnits units() {
        var generate = new BenchUnits.Phase(20, 1_000, 10_000, 3_600, 3_200, 200, 0, 14L, "GSI2 T#bench#RUN#r1#INV", 1_000,
                Map.of("PrepareFunction", new BenchUnits.LambdaUse(1024, 1, 1_000),
                        "InvoiceWorkerFunction", new BenchUnits.LambdaUse(2048, 2, 10_000),
                        "CompleteFunction", new BenchUnits.LambdaUse(1024, 1, 100)),
                Map.of("PrepareFunction", Map.of("calls.Query", 3.0, "calls.BatchWriteItem", 1.0, "calls.UpdateItem", 2.0, "rcu", 32.0)),
                Map.of());
        var post = new BenchUnits.Phase(5, 2_000, 15_000, 1_000, 3_000, 50, 2, 10L, "table T#bench#RUN#r1", 2_000,
                Map.of("PostFunction", new BenchUnits.LambdaUse(1024, 1, 5_000),
                        "NotifyFunction", new BenchUnits.LambdaUse(1024, 2, 400)),
                // 21 pages of 49 read twice each (42 BatchGetItem); the plan's 8 more and 2 BatchWriteItem, 2 Query pages
                Map.of("PostFunction", Map.of("calls.Query", 2.0, "calls.BatchGetItem", 50.0, "calls.BatchWriteItem", 2.0)),
                Map.of());
        return new BenchUnits("2026-12-05T00:00:00Z", "test", 1_000, 1_000, 500, generate, post);
    }

    private static CapacityModel.Projection million(boolean emails) {
        return CapacityModel.project(units(), 1_000_000, emails, CapacityModel.Limits.defaults(1_000), CapacityModel.Prices.US_EAST_1);
    }

    private static BigDecimal cost(CapacityModel.Projection projection, String what) {
        return projection.costs().stream().filter(c -> c.what().startsWith(what)).findFirst().orElseThrow().dollars();
    }

    @Test
    void costsEachServiceToTheCent() {
        var projection = million(false);
        // 3,000 RRU × 1,000 = 3,000,000 × $0.125/M = $0.375
        assertEquals(new BigDecimal("0.38"), cost(projection, "DynamoDB reads"));
        // 25,000 WRU × 1,000 = 25,000,000 × $0.625/M = $15.625
        assertEquals(new BigDecimal("15.63"), cost(projection, "DynamoDB writes"));
        // 7 invocations × 1,000 = 7,000 × $0.20/M = $0.0014
        assertEquals(new BigDecimal("0.00"), cost(projection, "Lambda requests"));
        // (1 + 2 × 10 + 0.1) + 0.4 = 21.5 GB-s × 1,000 = 21,500, the Post function's measured 5 GB-s left out; plus
        // its modelled time at 1 GB: PostStart 31.25 s + 16 lanes × 9.56671875 s = 184.3175 GB-s (below);
        // 21,684.3175 × $0.0000133334 = $0.2891262
        assertEquals(new BigDecimal("0.29"), cost(projection, "Lambda duration"));
        // 24 transitions × 1,000 = 24,000 × $0.025/1,000 = $0.60
        assertEquals(new BigDecimal("0.60"), cost(projection, "Step Functions"));
        // 250 requests × 1,000 = 250,000 × $0.40/M = $0.10
        assertEquals(new BigDecimal("0.10"), cost(projection, "SQS"));
        // the run's 2 notifications, not scaled: $0.0002
        assertEquals(new BigDecimal("0.00"), cost(projection, "SES"));
        // 0.375 + 15.625 + 0.0014 + 0.2891262 + 0.6 + 0.1 + 0.0002 = 16.9907262
        assertEquals(new BigDecimal("16.99"), projection.total());
    }

    @Test
    void customerEmailsAddOneEmailPerInvoice() {
        var projection = million(true);
        // 1,000,002 emails × $0.10/1,000 = $100.0002
        assertEquals(new BigDecimal("100.00"), cost(projection, "SES"));
        assertEquals(new BigDecimal("116.99"), projection.total());
    }

    @Test
    void timeIsPreparePlusTheSlowestLimitOfEachPhase() {
        var projection = million(false);
        // Prepare: 6 calls × 1,000 = 6,000 calls at 0.1 s = 600 s (over the 300 s timeout: said so); locally 1 ms
        // per account × 1,000,000 = 1,000 s
        // workers: 2,000 batches × 5 s = 10,000 worker-seconds; 1,000 at once, the SQS source adding 5 a second:
        //   the ramp alone could do 1,000 × 200 / 2 = 100,000, so sqrt(2 × 10,000 / 5) = 63.2 s
        // table writes 10,000,000 / 40,000 (warm) = 250 s; reads 1,000,000 / 20,000 (warm) = 50 s; transitions
        // 14,000 / 5,000 = 2.8 s; the run's index key: 1,000,000 WRU / 1,000 = 1,000 s: binds
        assertEquals(1_600, projection.generateSeconds(), 1e-6);
        // post: PostStart 2 × 1,000 Query pages, 16 keys at once, at 0.1 s = 12.5 s, and (50 - 2 × 21 + 2) × 1,000 =
        // 10,000 batch calls 32 at a time at 60 ms = 18.75 s: 31.25 s; then the lanes: 20,409 pages / (16 lanes × 8) × 60 ms = 9.57 s; writes
        // 15,000,000 / 40,000 = 375 s; reads 2,000,000 / 20,000 = 100 s; the run's partition 2,000,000 / 1,000 = 2,000 s: binds
        assertEquals(31.25 + 2_000, projection.postSeconds(), 1e-6);
        assertEquals(9.56671875, seconds(projection, "post lanes"), 1e-9);
        var binding = projection.times().stream().filter(CapacityModel.Time::binds).map(CapacityModel.Time::limit).toList();
        assertEquals(2, binding.size());
        assertTrue(binding.get(0).startsWith("one partition key (GSI2 T#{tenant}#RUN#{run}#INV)"), binding.get(0));
        assertTrue(binding.get(1).startsWith("one partition key (table T#{tenant}#RUN#{run})"), binding.get(1));
        assertTrue(projection.times().stream().anyMatch(t -> t.phase().equals("post") && t.limit().startsWith("PostStart")
                && Math.abs(t.seconds() - 31.25) < 1e-9), projection.times().toString());
        assertTrue(projection.notes().stream().anyMatch(n -> n.startsWith("Prepare would take 600 s, over its 300 s timeout")),
                projection.notes().toString());
        assertTrue(projection.notes().stream().anyMatch(n -> n.endsWith("at this bench's local speed it would take 1000 s")),
                projection.notes().toString());
    }

    @Test
    void thePostsLanesArePagesOverLanesTimesInFlightAtTheAssumedPageLatency() {
        var slow = CapacityModel.project(units(), 1_000_000, false, CapacityModel.Limits.defaults(1_000).withPost(1, 3_000),
                CapacityModel.Prices.US_EAST_1);
        // one lane, 8 pages in flight, 3 s a page: 20,409 / 8 × 3 = 7,653.375 s, over the run partition's 2,000 s: binds;
        // PostStart: 12.5 s of Query pages + 10,000 batch calls / 32 × 3 s = 950 s
        assertEquals(950 + 7_653.375, slow.postSeconds(), 1e-6);
        assertTrue(slow.notes().stream().anyMatch(n -> n.startsWith("PostStart would take 950 s, over the post function's 900 s timeout")),
                slow.notes().toString());
        assertTrue(slow.times().stream().filter(CapacityModel.Time::binds).anyMatch(t -> t.limit().startsWith(
                "post lanes: 20,409 pages of 49, 1 invocations at once, 8 page transactions in flight in each, at an assumed 3000 ms a page")),
                slow.times().toString());

        var fast = CapacityModel.project(units(), 1_000_000, false, CapacityModel.Limits.defaults(1_000).withPost(32, 60),
                CapacityModel.Prices.US_EAST_1);
        assertEquals(9.56671875 / 2, seconds(fast, "post lanes"), 1e-9, "twice the lanes, half the time");
    }

    @Test
    void theTablesThroughputIsItsWarmThroughput() {
        var cold = CapacityModel.project(units(), 1_000_000, false, CapacityModel.Limits.defaults(1_000)
                .withWarmThroughput(12_000, 4_000), CapacityModel.Prices.US_EAST_1);
        // generate's writes 10,000,000 / 4,000 = 2,500 s: bind, over the index key's 1,000 s
        assertEquals(600 + 2_500, cold.generateSeconds(), 1e-6);
        assertEquals(2_500, seconds(cold, "DynamoDB table writes, 4000 WRU/s"), 1e-6);

        var over = CapacityModel.project(units(), 1_000_000, false, CapacityModel.Limits.defaults(1_000)
                .withWarmThroughput(20_000, 80_000), CapacityModel.Prices.US_EAST_1);
        assertTrue(over.notes().stream().anyMatch(n -> n.contains("above DynamoDB's default table quota")), over.notes().toString());
    }

    /** The first row of the projection's times whose limit starts with {@code limit}. */
    private static double seconds(CapacityModel.Projection projection, String limit) {
        return projection.times().stream().filter(t -> t.limit().startsWith(limit)).findFirst().orElseThrow().seconds();
    }

    @Test
    void workersRampUpThenRunAtTheirConcurrency() {
        // 1,000 at once reached after 200 s (5 a second), 100,000 worker-seconds done by then; 50,000 more take 50 s
        assertEquals(250, CapacityModel.workerSeconds(150_000, 1_000, 5), 1e-9);
        assertEquals(Math.sqrt(2 * 10_000 / 5.0), CapacityModel.workerSeconds(10_000, 1_000, 5), 1e-9);
    }

    @Test
    void transitionsNotCountedAreSaidAndLeftOut() {
        BenchUnits u = units();
        var g = u.generate();
        var noTransitions = new BenchUnits(u.measuredAt(), u.machine(), u.accounts(), u.invoices(), u.batchSize(),
                new BenchUnits.Phase(g.seconds(), g.readUnits(), g.writeUnits(), g.itemsRead(), g.transactionItems(),
                        g.sqsRequests(), g.sesEmails(), null, g.hottestKey(), g.hottestKeyWriteUnits(), g.lambda(),
                        g.dynamoDbByCaller(), g.excluded()), u.post());
        var projection = CapacityModel.project(noTransitions, 1_000_000, false, CapacityModel.Limits.defaults(1_000),
                CapacityModel.Prices.US_EAST_1);
        assertEquals(new BigDecimal("16.39"), projection.total()); // 16.9939757 - 0.60
        assertTrue(CapacityModel.render(projection, noTransitions, "x").contains("| Step Functions Standard | n/a"));
    }

    @Test
    void theUnitsFileReadsBackAsWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("units.json");
        units().write(file);
        assertTrue(Files.readString(file).contains("\"hottestKey\" : \"GSI2 T#bench#RUN#r1#INV\""));
        assertEquals(units(), BenchUnits.read(file));
    }

    @Test
    void aUnitsFileFromBeforeTheTablesKeysWereMeteredReadsItsHottestIndexKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("old-units.json");
        units().write(file);
        Files.writeString(file, Files.readString(file).replace("\"hottestKey\"", "\"hottestIndexKey\"")
                .replace("\"hottestKeyWriteUnits\"", "\"hottestIndexKeyWriteUnits\""));
        assertEquals(units(), BenchUnits.read(file));
    }

    @Test
    void keyNamesLoseTheBenchsIdsButKeepTheirShard() {
        assertEquals("table T#{tenant}#RUN#{run}#ACCT#13", CapacityModel.keyName("table T#bench#RUN#52efb4d8-51f5#ACCT#13"));
        assertEquals("GSI2 T#{tenant}#RUN#{run}#INV#3", CapacityModel.keyName("GSI2 T#bench#RUN#52efb4d8-51f5#INV#3"));
        assertEquals("GSI1 T#{tenant}#A#{account}#INV", CapacityModel.keyName("GSI1 T#bench#A#B-000001#INV"));
    }
}

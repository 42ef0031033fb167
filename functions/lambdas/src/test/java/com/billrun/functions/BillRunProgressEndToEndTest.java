package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.sfn.execution.ExecutionStatus;
import com.billrun.store.BatchSummary;
import com.billrun.store.RunBatch;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Progress (docs/ARCHITECTURE.md): while a run is PROCESSING, GET /bill-runs/{id} shows the batches done of the
 * batches cut and the counts and totals of those batches; at the end they are the run's counts and totals; while
 * posting, the invoices posted so far. The run is held between its two batches by a gate on the messages the state
 * machine sends to SQS (LocalBillrun.closeGate): one batch is let through, the other waits, so the read is mid-run
 * whatever the machine's speed.
 */
class BillRunProgressEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private final LocalBillrun local = LocalBillrun.get();

    @Test
    void aRunShowsItsProgressBatchByBatchAndEndsWithCountsEqualToIt() throws Exception {
        Tenants tenant = Tenants.fresh(local, "progress");
        int accounts = 600; // two batches: 500 and 100 (template parameter AccountBatchSize)
        IntStream.rangeClosed(1, accounts - 1).parallel().forEach(i -> tenant.monthly("A%04d".formatted(i), "USD", "19.99"));
        tenant.broken("A0600");
        String token = local.token(tenant.tenantId(), Tenants.INITIATOR, "billing/read", "billing/write", "billing/post");
        local.closeGate(tenant.tenantId());
        String runId;
        try {
            var created = local.call("POST", "/bill-runs", token, "{\"targetDate\":\"2026-12-01\"}");
            assertEquals(202, created.statusCode(), created.body());
            runId = LocalBillrun.json(created.body()).get("id").asText();
            local.release(tenant.tenantId(), 1);

            JsonNode midRun = awaitRun(token, runId, run -> run.path("batchesDone").asInt() >= 1);

            assertEquals("PROCESSING", midRun.get("status").asText(), midRun::toString);
            assertEquals(2, midRun.get("batchCount").asInt(), midRun::toString);
            assertEquals(1, midRun.get("batchesDone").asInt(), "0 < batchesDone < batchCount: " + midRun);
            BatchSummary done = local.store().batches().all(tenant.tenantId(), runId).stream()
                    .map(RunBatch::summary).flatMap(java.util.Optional::stream).reduce(BatchSummary.NONE, BatchSummary::plus);
            assertTrue(List.of(500L, 100L).contains(done.counts().accountsSelected()), "one batch recorded: " + done);
            assertEquals(accounts, midRun.at("/counts/accountsSelected").asLong(), midRun::toString);
            assertEquals(done.counts().accountsProcessed(), midRun.at("/counts/accountsProcessed").asLong(), midRun::toString);
            assertEquals(done.counts().invoicesGenerated(), midRun.at("/counts/invoicesGenerated").asLong(), midRun::toString);
            assertEquals(done.counts().failedAccounts(), midRun.at("/counts/failedAccounts").asLong(), midRun::toString);
            assertEquals(done.totals().byCurrency().get("USD").toPlainString(), midRun.at("/totals/USD").asText(), midRun::toString);
        } finally {
            local.openGate(tenant.tenantId());
        }

        assertEquals(ExecutionStatus.SUCCEEDED, local.awaitExecution("BillRunStateMachine", runId, PATIENCE).status());
        JsonNode completed = get(token, runId);
        assertEquals("COMPLETED", completed.get("status").asText(), completed::toString);
        assertEquals(2, completed.get("batchesDone").asInt());
        assertEquals(600, completed.at("/counts/accountsProcessed").asLong(), "A0600 processed (nothing billable) and failed");
        assertEquals(599, completed.at("/counts/invoicesGenerated").asLong());
        assertEquals(1, completed.at("/counts/failedAccounts").asLong());
        assertEquals("11974.01", completed.at("/totals/USD").asText(), "599 x 19.99");
        var progress = local.store().billRuns().get(tenant.tenantId(), runId).progress();
        var run = local.store().billRuns().get(tenant.tenantId(), runId);
        assertEquals(run.counts(), progress.counts(run.counts().accountsSelected()), "Complete's counts = the progress");
        assertEquals(run.totals(), progress.totals(), "Complete's totals = the progress");
        assertEquals(0, completed.get("invoicesPosted").asLong());

        var posting = local.call("POST", "/bill-runs/" + runId + "/post", token, null);
        assertEquals(202, posting.statusCode(), posting.body());
        JsonNode posted = awaitRun(token, runId, r -> r.path("status").asText().equals("POSTED"));
        assertEquals(599, posted.get("invoicesPosted").asLong(), "every page counted once: " + posted);
    }

    private JsonNode awaitRun(String token, String runId, Predicate<JsonNode> reached) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonNode run = get(token, runId);
        while (!reached.test(run) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            run = get(token, runId);
        }
        assertTrue(reached.test(run), () -> "never reached: " + get(token, runId));
        return run;
    }

    private JsonNode get(String token, String runId) {
        var answer = local.call("GET", "/bill-runs/" + runId, token, null);
        assertEquals(200, answer.statusCode(), answer.body());
        return LocalBillrun.json(answer.body());
    }
}

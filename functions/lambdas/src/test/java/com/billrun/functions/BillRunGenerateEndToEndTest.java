package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.lambda.Invocation;
import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.ExecutionStatus;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunCounts;
import com.billrun.store.BillRunStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The generate side end to end on the local runtime: the real bill-run.asl.json on the local Step Functions, the
 * invoice worker fed by the SQS poller from ElasticMQ, the real handlers by their template.yaml names. Accounts pay
 * a flat monthly fee in advance from December 1st; a run on December 1st bills December, in full.
 */
class BillRunGenerateEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private final LocalBillrun local = LocalBillrun.get();

    @Test
    void aRunAskedThroughTheApiCompletesWithExactCountsAndTotalsPerCurrency() throws Exception {
        Tenants tenant = Tenants.fresh(local, "e2e");
        IntStream.rangeClosed(1, 3).forEach(i -> tenant.monthly("US" + i, "USD", "145.16"));
        IntStream.rangeClosed(1, 2).forEach(i -> tenant.monthly("EU" + i, "EUR", "99.90"));
        tenant.monthly("JP1", "JPY", "12000");
        tenant.broken("BROKEN");
        String token = local.token(tenant.tenantId(), Tenants.INITIATOR, "billing/write", "billing/read");

        String runId = startThroughTheApi(token);
        Execution execution = local.awaitExecution("BillRunStateMachine", runId, PATIENCE);

        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), () -> execution.error() + ": " + execution.cause());
        BillRun run = local.store().billRuns().get(tenant.tenantId(), runId);
        assertEquals(BillRunStatus.COMPLETED, run.status());
        assertTrue(run.hasErrors());
        assertEquals(new BillRunCounts(7, 7, 6, 1), run.counts(), "BROKEN is processed (nothing billable) and failed");
        assertEquals(Map.of("EUR", new BigDecimal("199.80"), "JPY", new BigDecimal("12000"),
                "USD", new BigDecimal("435.48")), run.totals().byCurrency());
        JsonNode failures = LocalBillrun.json(local.call("GET", "/bill-runs/" + runId + "/failures", token, null).body());
        assertEquals("BROKEN", failures.findValue("accountId").asText(), failures.toString());
    }

    @Test
    void aSelectionOfSeveralBatchesIsInvoicedBatchByBatchAndAddedUpOnce() throws Exception {
        Tenants tenant = Tenants.fresh(local, "e2e-batches");
        int accounts = 1_100;
        IntStream.rangeClosed(1, accounts).parallel().forEach(i -> tenant.monthly("A%04d".formatted(i), "USD", "19.99"));

        String runId = startThroughTheApi(local.token(tenant.tenantId(), Tenants.INITIATOR, "billing/write"));

        assertEquals(ExecutionStatus.SUCCEEDED, local.awaitExecution("BillRunStateMachine", runId, PATIENCE).status());
        BillRun run = local.store().billRuns().get(tenant.tenantId(), runId);
        assertEquals(3, run.batchCount(), "500 accounts a batch (template parameter AccountBatchSize)");
        assertEquals(new BillRunCounts(accounts, accounts, accounts, 0), run.counts());
        assertEquals(Map.of("USD", new BigDecimal("21989.00")), run.totals().byCurrency());
    }

    @Test
    void aScheduleThatFiresTwiceForTheSameTimeRunsOnce() throws Exception {
        Tenants tenant = Tenants.fresh(local, "e2e-schedule");
        tenant.monthly("A1", "USD", "145.16");
        String firing = """
                {"tenantId": "%s", "scheduleId": "monthly-1st", "ownerEmail": "owner@acme.example",
                 "scheduledTime": "2026-12-01T05:00:00Z", "timeZone": "Europe/Paris",
                 "runTemplate": {"billCycleDay": 1}}""".formatted(tenant.tenantId());

        Invocation first = local.invokeFunction("StartBillRunFunction", firing);
        Invocation second = local.invokeFunction("StartBillRunFunction", firing);

        assertTrue(!first.failed(), () -> String.valueOf(first.error()));
        String runId = LocalBillrun.json(first.payloadText()).get("billRunId").asText();
        assertEquals(runId, LocalBillrun.json(second.payloadText()).get("billRunId").asText());
        assertEquals(ExecutionStatus.SUCCEEDED, local.awaitExecution("BillRunStateMachine", runId, PATIENCE).status());
        BillRun run = local.store().billRuns().get(tenant.tenantId(), runId);
        assertEquals("owner@acme.example", run.initiatorEmail());
        assertEquals(1, local.store().billRuns().list(tenant.tenantId(), null, 10).items().size());
        assertEquals(Map.of("USD", new BigDecimal("145.16")), run.totals().byCurrency());
    }

    private String startThroughTheApi(String token) {
        var created = local.call("POST", "/bill-runs", token, "{\"targetDate\":\"2026-12-01\"}");
        assertEquals(202, created.statusCode(), created.body());
        return LocalBillrun.json(created.body()).get("id").asText();
    }
}

package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.sfn.ExecutionStatusEvents;
import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.ExecutionStatus;
import com.billrun.local.sfn.execution.HistoryEvent;
import com.billrun.store.AccountOutcome;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunCounts;
import com.billrun.store.BillRunStatus;
import com.billrun.store.Page;
import com.billrun.store.RunAccount;
import com.billrun.store.StoredInvoice;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real bill-run.asl.json, its GenerateInvoices Map in DISTRIBUTED mode, on a whole local Billrun
 * ({@link RecoveryStack}): the run's history no longer grows with its batches, each batch being a child execution
 * with its own history; and the children's own status change events never reach the reconciler as runs.
 */
class DistributedBillRunEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    /** AWS keeps 25,000 events per execution; lowered so that a few dozen batches pass what an INLINE Map could hold. */
    private static final int HISTORY_EVENT_LIMIT = 150;

    @TempDir
    Path data;

    @Test
    void moreBatchesThanAnInlineMapsHistoryCouldHoldAreInvoicedExactlyOnce() throws Exception {
        String tenant = "distributed-many";
        int accounts = 120;
        try (RecoveryStack stack = RecoveryStack.start(data, 2, HISTORY_EVENT_LIMIT)) {
            Tenants seeded = new Tenants(stack.store, tenant);
            for (int i = 1; i <= accounts; i++) {
                seeded.monthly(accountId(i), "USD", "10.00");
            }
            String runId = createRun(stack, tenant);
            Execution execution = stack.awaitExecution("BillRunStateMachine", runId, PATIENCE);

            assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), () -> execution.error() + ": " + execution.cause());
            BillRun run = stack.store.billRuns().get(tenant, runId);
            assertEquals(BillRunStatus.COMPLETED, run.status());
            assertEquals(60, run.batchCount(), "2 accounts a batch");
            assertEquals(new BillRunCounts(accounts, accounts, accounts, 0), run.counts());
            assertEquals(Map.of("USD", new BigDecimal("1200.00")), run.totals().byCurrency());
            List<RunAccount> outcomes = all(cursor -> stack.store.runAccounts().accounts(tenant, runId, cursor, 100));
            assertEquals(accounts, outcomes.size());
            assertTrue(outcomes.stream().allMatch(o -> o.outcome() == AccountOutcome.INVOICED), outcomes.toString());
            List<StoredInvoice> invoices = all(cursor -> stack.store.invoices().ofRun(tenant, runId, cursor, 100));
            assertEquals(accounts, invoices.size());
            assertEquals(accounts, invoices.stream().map(i -> i.invoice().accountId()).distinct().count(), "one invoice each");

            List<HistoryEvent> events = execution.history().events();
            assertTrue(events.size() <= HISTORY_EVENT_LIMIT, "the run's own history: " + events.size() + " events");
            assertTrue(events.stream().map(HistoryEvent::type).toList().containsAll(List.of("MapRunStarted", "MapRunSucceeded")));
            List<Execution> children = children(stack, execution);
            assertEquals(60, children.size(), "one child execution per batch");
            assertTrue(children.stream().allMatch(c -> c.status() == ExecutionStatus.SUCCEEDED));
            // An INLINE Map records each iteration in the run's history: the child's events but its ExecutionStarted and
            // ExecutionSucceeded, plus MapIterationStarted and MapIterationSucceeded (MapStateStarted/Succeeded in
            // place of MapRunStarted/Succeeded): the same run, inline, would need this many events.
            int inline = events.size() + children.stream().mapToInt(c -> c.history().events().size()).sum();
            assertTrue(inline > HISTORY_EVENT_LIMIT, "inline, the run would need " + inline + " events");

            // A child's status change event (its input names the run) is not an execution of the run: ignored.
            ObjectNode childEvent = ExecutionStatusEvents.of(children.getFirst(), Instant.now());
            ((ObjectNode) childEvent.get("detail")).put("status", "FAILED").put("error", "States.Timeout");
            var reconciled = stack.runtime.runner().invoke("ReconcileFunction", childEvent.toString());
            assertEquals("IGNORED", RecoveryStack.json(reconciled.payloadText()).get("outcome").asText(), reconciled.payloadText());
            assertEquals(BillRunStatus.COMPLETED, stack.store.billRuns().get(tenant, runId).status());
        }
    }

    /**
     * The state transitions of a 10-account run (AccountBatchSize 500: one batch, no autoPost), as AWS bills them:
     * Prepare, GenerateInvoices, Complete, AutoPost?, NotifyCompleted, Done in the run, InvoiceBatch in its one child.
     */
    @Test
    void aTenAccountRunTakesSevenStateTransitions() throws Exception {
        String tenant = "distributed-ten";
        try (RecoveryStack stack = RecoveryStack.start(data, 500)) {
            Tenants seeded = new Tenants(stack.store, tenant);
            for (int i = 1; i <= 10; i++) {
                seeded.monthly(accountId(i), "USD", "10.00");
            }
            long before = stack.stepFunctions.engine().stateTransitions();
            String runId = createRun(stack, tenant);
            Execution execution = stack.awaitExecution("BillRunStateMachine", runId, PATIENCE);

            assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), () -> execution.error() + ": " + execution.cause());
            assertEquals(new BillRunCounts(10, 10, 10, 0), stack.store.billRuns().get(tenant, runId).counts());
            assertEquals(7, stack.stepFunctions.engine().stateTransitions() - before);
        }
    }

    private static List<Execution> children(RecoveryStack stack, Execution parent) {
        String mapRunArn = parent.history().events().stream().filter(e -> e.type().equals("MapRunStarted")).findFirst()
                .orElseThrow().details().get("mapRunArn").textValue();
        String label = mapRunArn.substring(mapRunArn.indexOf('/') + 1, mapRunArn.lastIndexOf(':'));
        return stack.stepFunctions.engine().executions(parent.stateMachine().arn() + "/" + label);
    }

    private static String createRun(RecoveryStack stack, String tenant) {
        var accepted = stack.call("POST", "/bill-runs", stack.token(tenant, Tenants.INITIATOR, "billing/write"),
                "{\"targetDate\":\"2026-12-01\"}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        return RecoveryStack.json(accepted.body()).get("id").asText();
    }

    private static String accountId(int i) {
        return "A%03d".formatted(i);
    }

    private static <T> List<T> all(Function<String, Page<T>> pages) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = pages.apply(cursor);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }
}

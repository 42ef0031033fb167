package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.billrun.local.lambda.Invocation;
import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.ExecutionStatus;
import com.billrun.store.BillRun;
import com.billrun.store.StoredInvoice;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A bill run on the local runtime, read back from its log lines as CloudWatch would receive them: every line is one
 * JSON object; each function's line carries the function, the request, the tenant and the run; the steps are there
 * in order with their counts (prepare, the batch, complete, the posted page, post, notify, each customer email); a
 * function that throws is logged with its stack trace; the EMF lines are valid Embedded Metric Format documents
 * whose values add up to what the run did. A run that fails logs its mark-error step and the ERROR notification.
 */
class LogsAndMetricsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Set<String> RUN_FUNCTIONS = Set.of("PrepareFunction", "InvoiceWorkerFunction", "CompleteFunction",
            "PostFunction", "NotifyFunction", "CustomerEmailFunction");
    private final LocalBillrun local = LocalBillrun.get();

    @Test
    void aBillRunTellsItsStoryInJsonLinesAndEmfMetrics() throws Exception {
        Tenants tenant = Tenants.fresh(local, "logs");
        tenant.monthly("A1", "USD", "100.00");
        tenant.monthly("A2", "EUR", "50.00");
        tenant.broken("B1");
        String token = local.token(tenant.tenantId(), Tenants.INITIATOR, "billing/read", "billing/write", "billing/post");
        var accepted = local.call("POST", "/bill-runs", token, "{\"targetDate\":\"2026-12-01\",\"autoPost\":true,\"autoEmail\":true}");
        String runId = LocalBillrun.json(accepted.body()).get("id").asText();
        Execution execution = local.awaitExecution("BillRunStateMachine", runId, PATIENCE);
        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
        BillRun run = local.store().billRuns().get(tenant.tenantId(), runId);
        assertEquals(2, local.awaitEmails(email -> email.to().contains("a1@customer.example")
                || email.to().contains("a2@customer.example"), 2, PATIENCE).size());
        assertEquals(200, local.call("GET", "/bill-runs/" + runId, token, null).statusCode());

        // A function that throws: Prepare called again on a run that has moved on (POSTED).
        Invocation failed = local.invokeFunction("PrepareFunction",
                "{\"tenantId\":\"%s\",\"billRunId\":\"%s\"}".formatted(tenant.tenantId(), runId));
        assertTrue(failed.failed());

        List<JsonNode> records = awaitRecords(tenant.tenantId(),
                all -> count(all, "email", null) >= 2 && count(all, "prepare.failed", null) >= 1);
        assertEveryLineIsOneJsonObject();

        List<JsonNode> logs = records.stream().filter(r -> !r.has("_aws")).toList();
        for (JsonNode record : logs) {
            assertTrue(record.hasNonNull("timestamp") && record.hasNonNull("level") && record.hasNonNull("event")
                    && record.hasNonNull("message") && record.hasNonNull("requestId"), record.toString());
            if (RUN_FUNCTIONS.contains(record.path("function").asText())) {
                assertEquals(runId, record.path("billRunId").asText(), record.toString());
            }
        }

        JsonNode prepare = only(logs, "prepare");
        assertEquals("PrepareFunction", prepare.path("function").asText());
        assertEquals(1, prepare.path("batches").asInt());
        JsonNode batch = only(logs, "batch");
        assertEquals("InvoiceWorkerFunction", batch.path("function").asText());
        assertEquals("00001", batch.path("batchId").asText());
        assertEquals(3, batch.path("accountsSelected").asInt());
        assertEquals(run.counts().accountsProcessed(), batch.path("accountsBilled").asLong());
        assertEquals(1, batch.path("accountsFailed").asInt());
        assertEquals(2, batch.path("invoicesGenerated").asInt());
        assertTrue(batch.path("ms").isIntegralNumber());
        JsonNode complete = only(logs, "complete");
        assertEquals("COMPLETED", complete.path("status").asText());
        assertEquals(2, complete.path("invoicesGenerated").asInt());
        JsonNode page = only(logs, "post.page");
        assertEquals(2, page.path("invoices").asInt());
        assertEquals(invoiceNumbers(tenant.tenantId(), runId), List.of(page.path("firstNumber").asText(), page.path("lastNumber").asText()));
        assertEquals(2, page.path("customerEmailsQueued").asInt());
        assertEquals(false, only(logs, "post.reserve").path("done").asBoolean(), "numbers reserved, pages to post");
        List<JsonNode> lanes = logs.stream().filter(r -> r.path("event").asText().equals("post.lane")).toList();
        assertEquals(List.of(1, 2, 3, 4), lanes.stream().map(r -> r.path("lane").asInt()).sorted().toList(), "the local runtime's four lanes");
        assertTrue(lanes.stream().allMatch(r -> r.path("lanes").asInt() == 4 && r.path("done").asBoolean()), lanes.toString());
        assertEquals(2, lanes.stream().mapToInt(r -> r.path("invoicesPosted").asInt()).sum(), "the one page, by its lane");
        JsonNode post = logs.stream().filter(r -> r.path("event").asText().equals("post") && r.path("done").asBoolean())
                .findFirst().orElseThrow(() -> new AssertionError("no post line with done: true"));
        assertEquals(0, post.path("invoicesPosted").asInt(), "PostPage finds nothing left but the POSTED status");
        JsonNode notify = only(logs, "notify");
        assertEquals("POSTED", notify.path("runEvent").asText());
        assertEquals("SENT", notify.path("notification").asText());
        List<JsonNode> emails = logs.stream().filter(r -> r.path("event").asText().equals("email")).toList();
        assertEquals(2, emails.size());
        emails.forEach(email -> assertEquals("SENT", email.path("outcome").asText(), email.toString()));
        assertTrue(logs.indexOf(prepare) < logs.indexOf(batch) && logs.indexOf(batch) < logs.indexOf(complete)
                && logs.indexOf(complete) < logs.indexOf(page) && logs.indexOf(page) < logs.indexOf(notify), "steps out of order");

        JsonNode error = only(logs, "prepare.failed");
        assertEquals("ERROR", error.path("level").asText());
        assertEquals(runId, error.path("billRunId").asText());
        assertEquals(failed.error().orElseThrow().errorType(), error.path("errorType").asText());
        JsonNode trace = error.path("stackTrace");
        assertTrue(trace.isArray() && trace.size() > 3, error.toString());
        assertTrue(trace.get(0).asText().startsWith(error.path("errorType").asText()), trace.get(0).asText());
        assertTrue(stream(trace).anyMatch(line -> line.contains("at com.billrun.usecases.billrun.PrepareBillRun.prepare")),
                trace.toString());

        List<JsonNode> emf = records.stream().filter(r -> r.has("_aws")).toList();
        assertFalse(emf.isEmpty());
        for (JsonNode document : emf) {
            assertEquals(List.of(), EmfCheck.problems(document), document.toString());
            assertEquals("Billrun", document.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
            assertEquals(document.path("function").asText(), document.path("Function").asText());
        }
        Map<String, Long> totals = new TreeMap<>();
        emf.forEach(document -> document.at("/_aws/CloudWatchMetrics/0/Metrics").forEach(metric ->
                totals.merge(metric.path("Name").asText(), document.path(metric.path("Name").asText()).asLong(), Long::sum)));
        assertEquals(run.counts().accountsProcessed(), totals.get("AccountsBilled"));
        assertEquals(1L, totals.get("AccountsFailed"));
        assertEquals(2L, totals.get("InvoicesGenerated"));
        assertEquals(2L, totals.get("InvoicesPosted"));
        assertEquals(3L, totals.get("EmailsSent"), "the initiator's and two customers'");
        assertEquals(0L, totals.get("EmailsFailed"));
        assertTrue(totals.containsKey("BatchDuration") && totals.containsKey("RunDuration"), totals.toString());

        JsonNode request = local.logLines().stream().map(LocalBillrun::json)
                .filter(r -> r.path("path").asText().equals("/bill-runs/" + runId)).findFirst()
                .orElseThrow(() -> new AssertionError("no request line for GET /bill-runs/" + runId));
        assertEquals("GET", request.path("method").asText());
        assertEquals(200, request.path("status").asInt());
        assertTrue(request.path("ms").isIntegralNumber());
    }

    @Test
    void aFailedRunLogsItsMarkErrorStepAndTheErrorNotification() throws Exception {
        Tenants tenant = Tenants.fresh(local, "logs-error");
        tenant.monthly("A1", "USD", "10.00");
        String token = local.token(tenant.tenantId(), Tenants.INITIATOR, "billing/write", "billing/read");
        local.injectFault(tenant.tenantId(), new LocalBillrun.Fault("PrepareFunction", "com.billrun.store.TransientStoreException",
                "DynamoDB is unreachable"));
        var accepted = local.call("POST", "/bill-runs", token, "{\"targetDate\":\"2026-12-01\"}");
        String runId = LocalBillrun.json(accepted.body()).get("id").asText();
        assertEquals(ExecutionStatus.FAILED, local.awaitExecution("BillRunStateMachine", runId, PATIENCE).status());

        List<JsonNode> records = awaitRecords(tenant.tenantId(), all -> count(all, "notify", null) >= 1);
        JsonNode markError = only(records, "mark-error");
        assertEquals("MarkErrorFunction", markError.path("function").asText());
        assertEquals(runId, markError.path("billRunId").asText());
        assertEquals("ERROR", markError.path("level").asText());
        assertEquals("GENERATE", markError.path("phase").asText());
        assertEquals("ERROR", markError.path("status").asText());
        assertTrue(markError.path("cause").asText().contains("DynamoDB is unreachable"), markError.toString());
        JsonNode notify = only(records, "notify");
        assertEquals("ERROR", notify.path("runEvent").asText());
        assertEquals("SENT", notify.path("notification").asText());
        assertTrue(records.indexOf(markError) < records.indexOf(notify));
        assertEveryLineIsOneJsonObject();
    }

    private void assertEveryLineIsOneJsonObject() {
        for (String line : local.logLines()) {
            JsonNode node;
            try {
                node = LocalBillrun.json(line);
            } catch (RuntimeException notJson) {
                fail("not a JSON line: " + line);
                return;
            }
            assertTrue(node.isObject(), line);
        }
    }

    /** The tenant's records, once {@code ready} says all expected lines are there. */
    private List<JsonNode> awaitRecords(String tenantId, Predicate<List<JsonNode>> ready) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        List<JsonNode> records;
        do {
            records = new ArrayList<>();
            for (String line : local.logLines()) {
                JsonNode node = LocalBillrun.json(line);
                if (tenantId.equals(node.path("tenantId").asText())) {
                    records.add(node);
                }
            }
            if (ready.test(records)) {
                return records;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        return records;
    }

    private static long count(List<JsonNode> records, String event, String function) {
        return records.stream().filter(r -> r.path("event").asText().equals(event)
                && (function == null || r.path("function").asText().equals(function))).count();
    }

    private static JsonNode only(List<JsonNode> records, String event) {
        List<JsonNode> found = records.stream().filter(r -> r.path("event").asText().equals(event)).toList();
        assertEquals(1, found.size(), "lines with event " + event + ": " + found);
        return found.getFirst();
    }

    /** The run's first and last invoice numbers. */
    private List<String> invoiceNumbers(String tenantId, String runId) {
        List<String> numbers = local.store().invoices().ofRun(tenantId, runId, null, 10).items().stream()
                .map(StoredInvoice::number).sorted().toList();
        return List.of(numbers.getFirst(), numbers.getLast());
    }

    private static java.util.stream.Stream<String> stream(JsonNode array) {
        List<String> lines = new ArrayList<>();
        array.forEach(line -> lines.add(line.asText()));
        return lines.stream();
    }
}

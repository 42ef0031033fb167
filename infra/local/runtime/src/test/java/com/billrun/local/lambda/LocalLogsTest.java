package com.billrun.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.handlers.ContextProbe;
import com.billrun.local.sfn.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local runtime's log lines, readable ({@code ./billrun serve}) and as JSON lines ({@code --log json}). */
class LocalLogsTest {

    private static final String TIME = "\\d{2}:\\d{2}:\\d{2}\\.\\d{3}";
    private static final String PREPARED = """
            {"timestamp":"2026-12-01T02:00:01.204Z","level":"INFO","service":"billrun","function":"PrepareFunction",\
            "requestId":"0f1e2d3c-aaaa-bbbb-cccc-000000000001","tenantId":"acme",\
            "billRunId":"1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9","event":"prepare","message":"bill run prepared: 3 batches",\
            "batches":3,"ms":41}""";
    private static final String FAILED = """
            {"timestamp":"2026-12-01T02:00:02.000Z","level":"ERROR","function":"CompleteFunction","requestId":"r-2",\
            "tenantId":"acme","billRunId":"1b2c3d4e-5f60","event":"complete.failed",\
            "message":"the complete task failed: java.lang.IllegalStateException: batch 00002 was never invoiced",\
            "errorType":"java.lang.IllegalStateException","errorMessage":"batch 00002 was never invoiced",\
            "stackTrace":["java.lang.IllegalStateException: batch 00002 was never invoiced",\
            "\\tat com.billrun.usecases.billrun.CompleteBillRun.sum(CompleteBillRun.java:72)"]}""";
    private static final String METRICS = """
            {"_aws":{"Timestamp":1796090401204,"CloudWatchMetrics":[{"Namespace":"Billrun","Dimensions":[["Function"]],\
            "Metrics":[{"Name":"InvoicesPosted","Unit":"Count"}]}]},"Function":"PostFunction","InvoicesPosted":49}""";

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private LocalLogs logs(LocalLogs.Format format) {
        return new LocalLogs(new PrintStream(printed, true, StandardCharsets.UTF_8), format);
    }

    private List<String> lines() {
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void readableLinesNameTheFunctionTheStepTheTenantAndTheRunAndLeaveOutTheMetrics() {
        LocalLogs logs = logs(LocalLogs.Format.TEXT);
        logs.logger("PrepareFunction", "0f1e2d3c-aaaa").log(PREPARED);
        logs.logger("PostFunction", "r-3").log(METRICS);
        logs.request("POST", "/bill-runs", 201, 35, "req-1");
        logs.logger("PrepareFunction", "0f1e2d3c-aaaa").log("a line that is not JSON");

        List<String> lines = lines();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches(TIME + " INFO  PrepareFunction prepare: bill run prepared: 3 batches"
                + " \\(tenant acme, run 1b2c3d4e\\)"), lines.get(0));
        assertTrue(lines.get(1).matches(TIME + " HTTP  POST /bill-runs -> 201 in 35 ms"), lines.get(1));
        assertEquals("[PrepareFunction 0f1e2d3c] a line that is not JSON", lines.get(2));
    }

    @Test
    void aReadableErrorShowsItsStackTraceBelowIt() {
        logs(LocalLogs.Format.TEXT).logger("CompleteFunction", "r-2").log(FAILED);

        List<String> lines = lines();
        assertTrue(lines.get(0).matches(TIME + " ERROR CompleteFunction complete.failed: the complete task failed: "
                + "java.lang.IllegalStateException: batch 00002 was never invoiced \\(tenant acme, run 1b2c3d4e\\)"), lines.get(0));
        assertEquals("    java.lang.IllegalStateException: batch 00002 was never invoiced", lines.get(1));
        assertEquals("    \tat com.billrun.usecases.billrun.CompleteBillRun.sum(CompleteBillRun.java:72)", lines.get(2));
    }

    @Test
    void jsonLinesAreTheRecordsAsWrittenAndEverythingElseBecomesJsonToo() throws Exception {
        LocalLogs logs = logs(LocalLogs.Format.JSON);
        logs.logger("PrepareFunction", "0f1e2d3c-aaaa").log(PREPARED);
        logs.logger("PostFunction", "r-3").log(METRICS);
        logs.request("GET", "/bill-runs/x", 404, 3, "req-2");

        List<String> lines = lines();
        assertEquals(List.of(PREPARED, METRICS), lines.subList(0, 2));
        JsonNode request = Json.MAPPER.readTree(lines.get(2));
        assertEquals("GET", request.get("method").asText());
        assertEquals("/bill-runs/x", request.get("path").asText());
        assertEquals(404, request.get("status").asInt());
        assertEquals(3, request.get("ms").asInt());
        assertEquals("req-2", request.get("requestId").asText());
    }

    @Test
    void aFunctionErrorTheRunnerReportsIsAJsonLineWithItsLevel() throws Exception {
        try (LambdaRunner runner = new LambdaRunner("us-east-1", "000000000000", logs(LocalLogs.Format.JSON))) {
            runner.register(new FunctionSpec("prepare", ContextProbe.class, Map.of()));
            Invocation invocation = runner.invoke("prepare", "{\"fail\": \"target date missing\"}");

            JsonNode line = Json.MAPPER.readTree(lines().getLast());
            assertEquals("ERROR", line.get("level").asText());
            assertEquals("prepare", line.get("function").asText());
            assertEquals(invocation.requestId(), line.get("requestId").asText());
            assertEquals(ContextProbe.BillRunRejected.class.getName() + ": target date missing", line.get("message").asText());
        }
    }

    @Test
    void errorsOnlyKeepsWarningsAndErrors() {
        LocalLogs logs = logs(LocalLogs.Format.ERRORS);
        logs.logger("PrepareFunction", "0f1e2d3c-aaaa").log(PREPARED);
        logs.logger("CompleteFunction", "r-2").log(FAILED);
        logs.request("POST", "/bill-runs", 201, 35, "req-1");

        assertTrue(lines().getFirst().contains(" ERROR CompleteFunction complete.failed: "), lines().toString());
        assertEquals(3, lines().size(), "the error and its two trace lines");
    }

    @Test
    void theCliOptionTakesTextOrJson() {
        assertEquals(LocalLogs.Format.JSON, LocalLogs.format("JSON"));
        assertEquals(LocalLogs.Format.TEXT, LocalLogs.format("text"));
        assertThrows(IllegalArgumentException.class, () -> LocalLogs.format("yaml"));
    }
}

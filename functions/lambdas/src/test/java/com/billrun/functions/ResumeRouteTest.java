package com.billrun.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.sfn.execution.Execution;
import com.billrun.local.sfn.execution.ExecutionStatus;
import com.billrun.store.AuditEntry.AuditAction;
import com.billrun.store.AuditEntry;
import com.billrun.store.BillRun;
import com.billrun.store.BillRunStatus;
import com.billrun.store.RunChange;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * POST /bill-runs/{id}/resume over HTTP on the local runtime: a run no execution drives is driven again to its end;
 * billing/write resumes a generating run, a posting one needs billing/post too; other tenants' runs are 404; a
 * status that cannot be resumed is 409 naming it. (A run whose execution still runs: RecoveryFaultTest.)
 */
class ResumeRouteTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final LocalBillrun local = LocalBillrun.get();

    @Test
    void aProcessingRunWithoutExecutionIsResumedAndCompletes() throws Exception {
        Tenants tenant = Tenants.fresh(local, "resume-ok");
        tenant.monthly("A1", "USD", "12.50");
        tenant.monthly("A2", "USD", "7.50");
        BillRun run = tenant.processingRun(); // Prepare ran; no execution drives it

        var resumed = local.call("POST", "/bill-runs/" + run.id() + "/resume", token(tenant, "billing/write"), null);

        assertEquals(202, resumed.statusCode(), resumed.body());
        JsonNode accepted = LocalBillrun.json(resumed.body());
        assertEquals(run.id(), accepted.get("id").asText());
        assertEquals("PROCESSING", accepted.get("status").asText());
        Execution execution = local.awaitExecution("BillRunStateMachine", run.id() + "-resume-1", PATIENCE);
        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
        BillRun done = local.store().billRuns().get(tenant.tenantId(), run.id());
        assertEquals(BillRunStatus.COMPLETED, done.status());
        assertEquals(2, done.counts().invoicesGenerated());
        assertEquals("20.00", done.totals().byCurrency().get("USD").toPlainString());
        AuditEntry last = done.auditTrail().getLast();
        assertEquals(AuditAction.RESUMED, last.action());
        assertEquals(Tenants.INITIATOR, last.by());
        JsonNode read = LocalBillrun.json(local.call("GET", "/bill-runs/" + run.id(), token(tenant, "billing/read"), null).body());
        assertEquals("RESUMED", read.get("auditTrail").get(read.get("auditTrail").size() - 1).get("action").asText());
    }

    @Test
    void aRunInErrorIsResumedAsProcessingWithItsCauseCleared() throws Exception {
        Tenants tenant = Tenants.fresh(local, "resume-error");
        tenant.monthly("A1", "EUR", "30.00");
        BillRun run = tenant.processingRun();
        local.store().billRuns().transition(tenant.tenantId(), run.id(), Set.of(BillRunStatus.PROCESSING), BillRunStatus.ERROR,
                RunChange.none().errorCause("execution x ended TIMED_OUT"));

        var resumed = local.call("POST", "/bill-runs/" + run.id() + "/resume", token(tenant, "billing/write"), null);

        assertEquals(202, resumed.statusCode(), resumed.body());
        assertEquals("PROCESSING", LocalBillrun.json(resumed.body()).get("status").asText());
        local.awaitExecution("BillRunStateMachine", run.id() + "-resume-1", PATIENCE);
        BillRun done = local.store().billRuns().get(tenant.tenantId(), run.id());
        assertEquals(BillRunStatus.COMPLETED, done.status());
        assertEquals(null, done.errorCause());
        assertEquals("30.00", done.totals().byCurrency().get("EUR").toPlainString());
    }

    @Test
    void aPostingRunNeedsBillingPostToo() throws Exception {
        Tenants tenant = Tenants.fresh(local, "resume-post");
        tenant.monthly("A1", "USD", "5.00");
        BillRun run = postingWithoutExecution(tenant);

        var writeOnly = local.call("POST", "/bill-runs/" + run.id() + "/resume", token(tenant, "billing/write"), null);
        assertEquals(403, writeOnly.statusCode(), writeOnly.body());
        assertTrue(writeOnly.body().contains("billing/post"), writeOnly.body());
        var postOnly = local.call("POST", "/bill-runs/" + run.id() + "/resume", token(tenant, "billing/post"), null);
        assertEquals(403, postOnly.statusCode(), "the route itself needs billing/write: " + postOnly.body());
        assertEquals(BillRunStatus.POST_IN_PROGRESS, local.store().billRuns().get(tenant.tenantId(), run.id()).status());
        assertEquals(1, local.store().billRuns().get(tenant.tenantId(), run.id()).auditTrail().stream()
                .filter(e -> e.action() == AuditAction.POSTED).count(), "a refusal writes nothing");

        var both = local.call("POST", "/bill-runs/" + run.id() + "/resume", token(tenant, "billing/write", "billing/post"), null);
        assertEquals(202, both.statusCode(), both.body());
        assertEquals("POST_IN_PROGRESS", LocalBillrun.json(both.body()).get("status").asText());
        Execution execution = local.awaitExecution("PostRunStateMachine", run.id() + "-resume-1", PATIENCE);
        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
        assertEquals(BillRunStatus.POSTED, local.store().billRuns().get(tenant.tenantId(), run.id()).status());
    }

    @Test
    void anotherTenantsRunIsNotFoundAndLeftAlone() {
        Tenants owner = Tenants.fresh(local, "resume-owner");
        Tenants other = Tenants.fresh(local, "resume-other");
        owner.monthly("A1", "USD", "1.00");
        BillRun run = owner.processingRun();

        var answer = local.call("POST", "/bill-runs/" + run.id() + "/resume", token(other, "billing/write", "billing/post"), null);

        assertEquals(404, answer.statusCode(), answer.body());
        BillRun untouched = local.store().billRuns().get(owner.tenantId(), run.id());
        assertEquals(BillRunStatus.PROCESSING, untouched.status());
        assertTrue(untouched.auditTrail().stream().noneMatch(e -> e.action() == AuditAction.RESUMED));
    }

    @Test
    void aStatusThatCannotBeResumedIs409NamingIt() {
        Tenants tenant = Tenants.fresh(local, "resume-409");
        tenant.monthly("A1", "USD", "1.00");
        BillRun completed = tenant.completedRun();

        var refused = local.call("POST", "/bill-runs/" + completed.id() + "/resume", token(tenant, "billing/write"), null);

        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("application/problem+json", refused.headers().firstValue("content-type").orElseThrow());
        assertTrue(LocalBillrun.json(refused.body()).get("detail").asText().contains("is COMPLETED"), refused.body());
        BillRun untouched = local.store().billRuns().get(tenant.tenantId(), completed.id());
        assertEquals(BillRunStatus.COMPLETED, untouched.status());
        assertTrue(untouched.auditTrail().stream().noneMatch(e -> e.action() == AuditAction.RESUMED));
    }

    /** A COMPLETED run moved to POST_IN_PROGRESS in someone's name whose post execution never ran (it died). */
    private BillRun postingWithoutExecution(Tenants tenant) {
        BillRun run = tenant.completedRun();
        return local.store().billRuns().transition(tenant.tenantId(), run.id(), Set.of(BillRunStatus.COMPLETED),
                BillRunStatus.POST_IN_PROGRESS, RunChange.none().audit(new AuditEntry(AuditAction.POSTED, Tenants.INITIATOR, Instant.now())));
    }

    private String token(Tenants tenant, String... scopes) {
        return local.token(tenant.tenantId(), Tenants.INITIATOR, scopes);
    }
}

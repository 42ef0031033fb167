package com.billrun.adapters.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.billrun.functions.LocalBillrun;
import com.billrun.local.lambda.Invocation;
import com.billrun.store.AuditEntry.AuditAction;
import com.billrun.store.BillRun;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A schedule created through the API, fired by the local scheduler through the real start function and state
 * machine: one bill run, whose initiator is the schedule's owner, however many times the firing comes.
 */
class ScheduledRunTest {

    private static final String OWNER = "controller@acme.example";
    private final LocalBillrun local = LocalBillrun.get();

    @Test
    void aFiringStartsOneRunInitiatedByTheOwnerAndFiringTwiceStillMakesOne() throws Exception {
        String tenant = "sched-fire-" + UUID.randomUUID().toString().substring(0, 8);
        String token = local.token(tenant, OWNER, "billing/read", "billing/write");
        var created = local.call("POST", "/schedules", token, """
                {"expression":"rate(1 minute)","timeZone":"Pacific/Auckland","run":{"billCycleDay":1}}""");
        JsonNode schedule = LocalBillrun.json(created.body());
        String scheduleId = schedule.get("id").asText();
        Instant due = Instant.parse(schedule.get("nextRunAt").asText());
        var firing = new LocalScheduleFiring(local.store().schedules(), this::invokeStartFunction, System.out::println);

        firing.fireDue(due);
        local.store().schedules().armLocalFiring(tenant, scheduleId, due); // EventBridge delivering the same time again
        firing.fireDue(due);

        List<BillRun> runs = local.store().billRuns().list(tenant, null, 10).items();
        assertEquals(1, runs.size(), runs.toString());
        BillRun run = runs.getFirst();
        assertEquals(OWNER, run.initiatorEmail(), "the schedule's owner is the run's initiator");
        assertEquals(AuditAction.SCHEDULED, run.auditTrail().getFirst().action());
        assertEquals(due.atZone(ZoneId.of("Pacific/Auckland")).toLocalDate(), run.options().targetDate());
        assertEquals(1, run.options().billCycleDay());
        local.awaitExecution("BillRunStateMachine", run.id(), Duration.ofSeconds(30));
    }

    private void invokeStartFunction(String input) {
        Invocation invocation = local.invokeFunction("StartBillRunFunction", input);
        assertFalse(invocation.failed(), () -> String.valueOf(invocation.error()));
    }
}

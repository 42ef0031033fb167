package com.billrun.adapters.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.functions.LocalBillrun;
import com.billrun.store.BillrunStore;
import com.billrun.store.RunOptionsBuilder;
import com.billrun.store.Schedule;
import com.billrun.store.ScheduleState;
import com.billrun.store.dynamodb.TableSchema;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The local scheduler's loop with a clock the test sets (no waiting for a cron minute): what is due fires once,
 * with EventBridge's input, at the times EventBridge would fire, across a DST change.
 */
class LocalScheduleFiringTest {

    private static final Instant MARCH_1_2030 = Instant.parse("2030-03-01T00:00:00Z");
    private final LocalBillrun local = LocalBillrun.get();

    @Test
    void aDueScheduleFiresOnceAtEachOfItsTimesAcrossTheSpringForward() {
        BillrunStore store = freshTable();
        List<JsonNode> fired = new ArrayList<>();
        var firing = new LocalScheduleFiring(store.schedules(), input -> fired.add(LocalBillrun.json(input)), message -> { });
        Schedule daily = schedule("cron(0 9 * * ? *)", "America/New_York");
        store.schedules().create(daily);
        store.schedules().armLocalFiring("acme", daily.id(), Instant.parse("2030-03-09T14:00:00Z"));

        assertEquals(0, firing.fireDue(Instant.parse("2030-03-09T13:59:59Z")), "not yet");
        assertEquals(1, firing.fireDue(Instant.parse("2030-03-09T14:00:00Z")));
        assertEquals(0, firing.fireDue(Instant.parse("2030-03-09T14:00:30Z")), "never twice for one time");
        assertEquals(0, firing.fireDue(Instant.parse("2030-03-10T12:59:59Z")), "09:00 EDT is 13:00Z now, not 14:00Z");
        assertEquals(1, firing.fireDue(Instant.parse("2030-03-10T13:00:02Z")));

        assertEquals(List.of("2030-03-09T14:00:00Z", "2030-03-10T13:00:00Z"),
                fired.stream().map(input -> input.get("scheduledTime").asText()).toList());
        JsonNode input = fired.getFirst();
        assertEquals("acme", input.get("tenantId").asText());
        assertEquals(daily.id(), input.get("scheduleId").asText());
        assertEquals("owner@acme.example", input.get("ownerEmail").asText());
        assertEquals("America/New_York", input.get("timeZone").asText());
        assertEquals(1, input.at("/runTemplate/billCycleDay").asInt());
    }

    @Test
    void aFailedFiringIsReportedAndTheScheduleMovesOnToItsNextTime() {
        BillrunStore store = freshTable();
        List<String> log = new ArrayList<>();
        var failing = new LocalScheduleFiring(store.schedules(), input -> {
            throw new IllegalStateException("Lambda says no");
        }, log::add);
        Schedule hourly = schedule("rate(1 hour)", "UTC");
        store.schedules().create(hourly);
        store.schedules().armLocalFiring("acme", hourly.id(), MARCH_1_2030);

        assertEquals(1, failing.fireDue(MARCH_1_2030.plusSeconds(5)));

        assertTrue(log.getFirst().contains("Lambda says no"), log.toString());
        assertEquals(List.of(MARCH_1_2030.plusSeconds(3600)), store.schedules().dueForLocalFiring(MARCH_1_2030.plusSeconds(3600), 10)
                .stream().map(due -> due.scheduledTime()).toList());
    }

    private BillrunStore freshTable() {
        String name = "schedules-" + UUID.randomUUID();
        local.runtime().dynamoDb().createTable(TableSchema.createTableRequest(name));
        return BillrunStore.of(local.runtime().dynamoDb(), name);
    }

    private static Schedule schedule(String expression, String zone) {
        return new Schedule("acme", UUID.randomUUID().toString(), null, expression, zone,
                RunOptionsBuilder.template().billCycleDay(1).buildTemplate(), "owner@acme.example",
                MARCH_1_2030, MARCH_1_2030, ScheduleState.ENABLED);
    }
}

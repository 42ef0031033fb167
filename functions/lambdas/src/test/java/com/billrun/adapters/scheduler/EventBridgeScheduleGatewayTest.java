package com.billrun.adapters.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.ChargeType;
import com.billrun.store.RunOptionsBuilder;
import com.billrun.store.Schedule;
import com.billrun.store.ScheduleState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;


/**
 * The CreateSchedule request the API sends EventBridge Scheduler, built without calling AWS (no mocked client:
 * the request is the contract; the SDK and IAM are AWS's).
 */
class EventBridgeScheduleGatewayTest {

    private static final EventBridgeScheduleGateway.Settings SETTINGS = new EventBridgeScheduleGateway.Settings(
            "billrun-bill-runs", "arn:aws:iam::123456789012:role/billrun-SchedulerRole",
            "arn:aws:lambda:eu-west-1:123456789012:function:billrun-StartBillRunFunction:live");

    @Test
    void eventBridgeIsTheGatewayUnlessTheLocalRuntimeSaysLocal() {
        Map<String, String> aws = Map.of("AWS_REGION", "eu-west-1", "SCHEDULE_GROUP_NAME", "g",
                "SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/r", "START_FUNCTION_ARN", "arn:aws:lambda:eu-west-1:123456789012:function:f:live");
        Map<String, String> local = new HashMap<>(aws);
        local.put("SCHEDULER_MODE", "local");

        assertInstanceOf(EventBridgeScheduleGateway.class, ScheduleGateways.fromEnv(aws, null, Clock.systemUTC()));
        assertInstanceOf(LocalScheduleGateway.class, ScheduleGateways.fromEnv(local, null, Clock.systemUTC()));
        var missing = assertThrows(IllegalStateException.class,
                () -> ScheduleGateways.fromEnv(Map.of("AWS_REGION", "eu-west-1"), null, Clock.systemUTC()));
        assertTrue(missing.getMessage().contains("SCHEDULE_GROUP_NAME"), missing.getMessage());
    }

    @Test
    void theScheduleFiresTheStartFunctionAtItsOwnTimesWithTheFiringAsInput() throws Exception {
        Instant start = Instant.parse("2026-11-22T03:01:00Z");
        Schedule schedule = new Schedule("acme", "8f14e45f-ceea-467f-a0e6-6b3d5c3a0d11", "Month end", "cron(0 2 1 * ? *)",
                "Europe/Paris", RunOptionsBuilder.template().invoiceDateOffsetDays(-1).batches("Batch1").billCycleDay(1)
                        .excluding(ChargeType.USAGE).autoPost().autoEmail().buildTemplate(),
                "cfo@acme.example", start.minusSeconds(30), start, ScheduleState.ENABLED);

        CreateScheduleRequest request = EventBridgeScheduleGateway.request(schedule, SETTINGS);

        assertEquals("billrun-bill-runs", request.groupName());
        assertEquals(schedule.id(), request.name());
        assertEquals(schedule.id(), request.clientToken(), "a retried create makes no second schedule");
        assertEquals("cron(0 2 1 * ? *)", request.scheduleExpression());
        assertEquals("Europe/Paris", request.scheduleExpressionTimezone());
        assertEquals(start, request.startDate());
        assertEquals(software.amazon.awssdk.services.scheduler.model.ScheduleState.ENABLED, request.state());
        assertEquals(FlexibleTimeWindowMode.OFF, request.flexibleTimeWindow().mode());
        assertEquals(SETTINGS.startFunctionArn(), request.target().arn());
        assertEquals(SETTINGS.roleArn(), request.target().roleArn());
        assertEquals(3600, request.target().retryPolicy().maximumEventAgeInSeconds());

        JsonNode input = new ObjectMapper().readTree(request.target().input());
        assertEquals("<aws.scheduler.scheduled-time>", input.get("scheduledTime").asText());
        assertEquals("acme", input.get("tenantId").asText());
        assertEquals(schedule.id(), input.get("scheduleId").asText());
        assertEquals("cfo@acme.example", input.get("ownerEmail").asText());
        assertEquals("Europe/Paris", input.get("timeZone").asText());
        assertEquals(-1, input.at("/runTemplate/invoiceDateOffsetDays").asInt());
        assertEquals("Batch1", input.at("/runTemplate/batches/0").asText());
        assertEquals("USAGE", input.at("/runTemplate/chargeTypesToExclude/0").asText());
    }
}

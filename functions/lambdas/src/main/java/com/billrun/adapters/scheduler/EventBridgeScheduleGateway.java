package com.billrun.adapters.scheduler;

import com.billrun.functions.start.ScheduleFiring;
import com.billrun.store.Schedule;
import com.billrun.usecases.schedules.ScheduleGateway;
import java.util.Map;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.RetryPolicy;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * One EventBridge Scheduler schedule per Billrun schedule, in template.yaml's {@code BillRunScheduleGroup}, named
 * after the schedule's id (a UUID: unique across tenants), invoking the start function's alias with the
 * {@link ScheduleFiring} input. The expression, zone and start are Billrun's, so EventBridge fires exactly at the
 * times the API announced as {@code nextRunAt}.
 */
final class EventBridgeScheduleGateway implements ScheduleGateway {

    /** A run missed by more than this (the start function down for an hour) is not started late. */
    static final int MAXIMUM_EVENT_AGE_SECONDS = 3600;
    static final int MAXIMUM_RETRY_ATTEMPTS = 10;

    /** template.yaml's ApiFunction variables. */
    record Settings(String groupName, String roleArn, String startFunctionArn) {

        static Settings fromEnv(Map<String, String> env) {
            return new Settings(required(env, "SCHEDULE_GROUP_NAME"), required(env, "SCHEDULER_ROLE_ARN"),
                    required(env, "START_FUNCTION_ARN"));
        }

        private static String required(Map<String, String> env, String name) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(name + " is not set");
            }
            return value;
        }
    }

    private final SchedulerClient scheduler;
    private final Settings settings;

    EventBridgeScheduleGateway(SchedulerClient scheduler, Settings settings) {
        this.scheduler = scheduler;
        this.settings = settings;
    }

    @Override
    public void create(Schedule schedule) {
        scheduler.createSchedule(request(schedule, settings));
    }

    @Override
    public void delete(Schedule schedule) {
        try {
            scheduler.deleteSchedule(b -> b.groupName(settings.groupName()).name(schedule.id()));
        } catch (ResourceNotFoundException alreadyGone) {
            // a DELETE retried after EventBridge's part succeeded
        }
    }

    /**
     * Flexible window OFF: a bill run fires at its time, not up to N minutes later. The client token is the
     * schedule's id, so a retried CreateSchedule cannot make a second one.
     */
    static CreateScheduleRequest request(Schedule schedule, Settings settings) {
        return CreateScheduleRequest.builder()
                .groupName(settings.groupName())
                .name(schedule.id())
                .clientToken(schedule.id())
                .description("Billrun tenant " + schedule.tenantId() + (schedule.name() == null ? "" : ": " + schedule.name()))
                .scheduleExpression(schedule.expression())
                .scheduleExpressionTimezone(schedule.timeZone())
                .startDate(schedule.startAt())
                .state(ScheduleState.ENABLED)
                .flexibleTimeWindow(FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build())
                .target(Target.builder()
                        .arn(settings.startFunctionArn())
                        .roleArn(settings.roleArn())
                        .input(ScheduleFiring.input(schedule, ScheduleFiring.EVENTBRIDGE_SCHEDULED_TIME))
                        .retryPolicy(RetryPolicy.builder().maximumEventAgeInSeconds(MAXIMUM_EVENT_AGE_SECONDS)
                                .maximumRetryAttempts(MAXIMUM_RETRY_ATTEMPTS).build())
                        .build())
                .build();
    }
}

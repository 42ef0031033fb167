package com.billrun.adapters.scheduler;

import com.billrun.aws.AwsClients;
import com.billrun.store.ScheduleRepository;
import com.billrun.usecases.schedules.ScheduleGateway;
import java.time.Clock;
import java.util.Map;

/** Picks the scheduler a function's environment names: EventBridge Scheduler on AWS, the local one under the local runtime. */
public final class ScheduleGateways {

    /** The environment variable; template.yaml sets {@code eventbridge}, the local runtime {@code local}. */
    public static final String MODE = "SCHEDULER_MODE";
    public static final String LOCAL_MODE = "local";

    private ScheduleGateways() {
    }

    /** {@code SCHEDULER_MODE=local} (set by the local runtime) fires locally; anything else is EventBridge. */
    public static ScheduleGateway fromEnv(Map<String, String> env, ScheduleRepository schedules, Clock clock) {
        if (LOCAL_MODE.equals(env.get(MODE))) {
            return new LocalScheduleGateway(schedules, clock);
        }
        return new EventBridgeScheduleGateway(AwsClients.scheduler(env), EventBridgeScheduleGateway.Settings.fromEnv(env));
    }
}

package com.billrun.functions.schedule;

import com.billrun.aws.AwsClients;
import com.billrun.store.ScheduleRepository;
import com.billrun.store.Schedule;
import java.time.Clock;
import java.util.Map;

/**
 * Whatever fires the tenants' schedules: EventBridge Scheduler on AWS, the local runtime's scheduler under
 * {@code ./billrun serve} and in tests ({@code SCHEDULER_MODE=local}, which the local runtime sets). The schedule
 * item itself is the API's to store; this only makes it fire, or stop firing.
 */
public interface ScheduleGateway {

    String MODE = "SCHEDULER_MODE";
    String LOCAL_MODE = "local";

    /** Starts firing a stored schedule. */
    void create(Schedule schedule);

    /** Stops firing it; a schedule that is already gone is fine (a retried DELETE). */
    void delete(Schedule schedule);

    /** {@code SCHEDULER_MODE=local} (set by the local runtime) fires locally; anything else is EventBridge. */
    static ScheduleGateway fromEnv(Map<String, String> env, ScheduleRepository schedules, Clock clock) {
        if (LOCAL_MODE.equals(env.get(MODE))) {
            return new LocalScheduleGateway(schedules, clock);
        }
        return new EventBridgeScheduleGateway(AwsClients.scheduler(env), EventBridgeScheduleGateway.Settings.fromEnv(env));
    }
}

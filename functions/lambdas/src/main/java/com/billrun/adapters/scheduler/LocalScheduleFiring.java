package com.billrun.adapters.scheduler;

import com.billrun.functions.start.ScheduleFiring;
import com.billrun.store.DueSchedule;
import com.billrun.store.ScheduleRepository;
import com.billrun.usecases.schedules.ScheduleTimes;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The local runtime's EventBridge Scheduler: on each tick, fires the armed schedules that are due by invoking the
 * start function with the input EventBridge would send (the scheduled time filled in), then arms each at its next
 * firing after the tick. A tick reads one page of the due index, so it costs nothing while nothing is due.
 *
 * <p>Never twice for the same scheduled time: the schedule moves on only from the firing it read (a conditional
 * write), and should it be fired again anyway (a crash between the two), the start function's run id, derived
 * from schedule and scheduled time, makes it the same run. Local simplifications: a firing whose invocation
 * fails is not retried (EventBridge retries for up to an hour), and firings missed while {@code serve} was down
 * collapse into the one due (EventBridge would not have missed them).
 */
public final class LocalScheduleFiring {

    /** The start function, invoked as Lambda would be; throws when the invocation failed. */
    @FunctionalInterface
    public interface StartFunction {
        void invoke(String firingJson);
    }

    static final int PAGE = 25;

    private final ScheduleRepository schedules;
    private final StartFunction startFunction;
    private final Consumer<String> log;

    public LocalScheduleFiring(ScheduleRepository schedules, StartFunction startFunction, Consumer<String> log) {
        this.schedules = schedules;
        this.startFunction = startFunction;
        this.log = log;
    }

    /** Fires what is due at {@code now}; returns how many firings were sent. */
    public int fireDue(Instant now) {
        int fired = 0;
        int firedFromPage;
        List<DueSchedule> due;
        do {
            due = schedules.dueForLocalFiring(now, PAGE);
            firedFromPage = (int) due.stream().filter(schedule -> fire(schedule, now)).count();
            fired += firedFromPage;
        } while (due.size() == PAGE && firedFromPage > 0);
        return fired;
    }

    private boolean fire(DueSchedule due, Instant now) {
        String input = ScheduleFiring.input(due.schedule(), due.scheduledTime().toString());
        try {
            startFunction.invoke(input);
        } catch (RuntimeException failed) {
            log.accept("schedule " + due.schedule().id() + " of tenant " + due.schedule().tenantId() + " at "
                    + due.scheduledTime() + ": the start function failed: " + failed.getMessage());
        }
        Instant after = now.isAfter(due.scheduledTime()) ? now : due.scheduledTime();
        return schedules.advanceLocalFiring(due, ScheduleTimes.nextAfter(due.schedule(), after));
    }
}

package com.billrun.local.schedule;

import com.billrun.adapters.scheduler.LocalScheduleFiring;
import com.billrun.local.CliOptions;
import com.billrun.local.LocalRuntime;
import com.billrun.local.ServeExtension;
import com.billrun.local.lambda.Invocation;
import com.billrun.store.BillrunStore;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./billrun serve}'s EventBridge Scheduler: once a second, fires the schedules created through the API that
 * are due, by invoking {@code StartBillRunFunction} through the runtime's Lambda runner with the input EventBridge
 * would send ({@link LocalScheduleFiring}). One tick is one query of the due index, so an idle serve stays idle.
 */
public final class LocalScheduler implements ServeExtension {

    static final String START_FUNCTION = "StartBillRunFunction";

    @Override
    public AutoCloseable start(LocalRuntime runtime, CliOptions options) {
        if (!runtime.runner().functionNames().contains(START_FUNCTION)) {
            System.out.println("schedules: " + START_FUNCTION + " is not registered; nothing fires them");
            return () -> { };
        }
        LocalScheduleFiring firing = firing(runtime);
        Clock clock = Clock.systemUTC();
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("billrun-local-scheduler").daemon(true).factory());
        ticks.scheduleWithFixedDelay(() -> tick(firing, clock), 1, 1, TimeUnit.SECONDS);
        System.out.println("schedules: fired locally by " + START_FUNCTION + " when due (checked every second)");
        return ticks::shutdownNow;
    }

    /** The firing loop over the start function's own table, invoking it as Lambda would. */
    public static LocalScheduleFiring firing(LocalRuntime runtime) {
        BillrunStore store = BillrunStore.fromEnv(runtime.runner().spec(START_FUNCTION).env());
        return new LocalScheduleFiring(store.schedules(), input -> {
            Invocation invocation = runtime.runner().invoke(START_FUNCTION, input);
            if (invocation.failed()) {
                throw new IllegalStateException(invocation.error().map(Object::toString).orElse("failed"));
            }
        }, System.out::println);
    }

    /** A failed tick (DynamoDB Local busy) is reported and the next one tries again. */
    private static void tick(LocalScheduleFiring firing, Clock clock) {
        try {
            firing.fireDue(clock.instant());
        } catch (RuntimeException e) {
            System.out.println("schedules: this tick failed, the next one retries: " + e);
        }
    }
}

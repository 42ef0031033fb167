package com.billrun.local.sfn;

import java.time.Clock;

/**
 * How the engine runs. {@code maxConcurrentExecutions} bounds running executions (the rest wait their turn);
 * {@code historyEventLimit} is AWS's 25,000-event quota; {@code retainedExecutions} bounds how many finished
 * executions stay queryable; {@code inlineMapConcurrencyLimit} is the inline Map's 40 concurrent iterations.
 */
public record EngineSettings(String region, String accountId, TimeScale timeScale, int maxConcurrentExecutions,
                             int historyEventLimit, int retainedExecutions, int inlineMapConcurrencyLimit, Clock clock) {

    public static EngineSettings defaults() {
        return new EngineSettings("us-east-1", "123456789012", TimeScale.REAL_TIME, 64, 25_000, 10_000, 40, Clock.systemUTC());
    }

    public EngineSettings withTimeScale(TimeScale scale) {
        return new EngineSettings(region, accountId, scale, maxConcurrentExecutions, historyEventLimit, retainedExecutions,
                inlineMapConcurrencyLimit, clock);
    }

    public EngineSettings withRegion(String newRegion, String newAccountId) {
        return new EngineSettings(newRegion, newAccountId, timeScale, maxConcurrentExecutions, historyEventLimit,
                retainedExecutions, inlineMapConcurrencyLimit, clock);
    }

    /**
     * A lower (or higher) history quota than AWS's 25,000 events per execution, so that a test can show an execution
     * failing it (States.Runtime) without running 25,000 events.
     */
    public EngineSettings withHistoryEventLimit(int historyEvents) {
        return new EngineSettings(region, accountId, timeScale, maxConcurrentExecutions, historyEvents, retainedExecutions,
                inlineMapConcurrencyLimit, clock);
    }

    public EngineSettings withLimits(int executions, int historyEvents, int retained) {
        return new EngineSettings(region, accountId, timeScale, executions, historyEvents, retained, inlineMapConcurrencyLimit, clock);
    }
}

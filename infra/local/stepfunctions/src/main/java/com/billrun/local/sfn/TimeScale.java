package com.billrun.local.sfn;

import java.time.Duration;

/**
 * How long one second of a definition (Wait, IntervalSeconds, TimeoutSeconds, HeartbeatSeconds) lasts here.
 * 1.0 is real time; tests use e.g. 0.01 so that a 10-second retry interval takes 100 ms.
 */
public record TimeScale(double realSecondsPerDefinitionSecond) {
    public static final TimeScale REAL_TIME = new TimeScale(1.0);

    public TimeScale {
        if (!(realSecondsPerDefinitionSecond > 0)) {
            throw new IllegalArgumentException("time scale must be > 0");
        }
    }

    public Duration of(double definitionSeconds) {
        double nanos = definitionSeconds * realSecondsPerDefinitionSecond * 1e9;
        return nanos >= Long.MAX_VALUE ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos(Math.round(nanos));
    }

    public Duration scale(Duration definitionDuration) {
        return of(definitionDuration.toNanos() / 1e9);
    }
}

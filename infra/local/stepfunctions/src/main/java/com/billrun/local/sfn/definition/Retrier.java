package com.billrun.local.sfn.definition;

import java.util.List;

/**
 * A Retry entry. Defaults as AWS documents them: IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0, no
 * MaxDelaySeconds, JitterStrategy NONE ("Retrying after an error", Step Functions developer guide).
 */
public record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
                      Integer maxDelaySeconds, Jitter jitter) {

    public enum Jitter { NONE, FULL }

    /**
     * The wait before retry number {@code retry} (1 for the first): IntervalSeconds × BackoffRate^(retry−1),
     * capped at MaxDelaySeconds. FULL jitter picks uniformly below that delay; {@code random} is in [0, 1).
     */
    public double delaySeconds(int retry, double random) {
        double delay = intervalSeconds * Math.pow(backoffRate, retry - 1);
        if (maxDelaySeconds != null) {
            delay = Math.min(delay, maxDelaySeconds);
        }
        return jitter == Jitter.FULL ? delay * random : delay;
    }
}

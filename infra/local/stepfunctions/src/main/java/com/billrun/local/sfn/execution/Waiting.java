package com.billrun.local.sfn.execution;

import java.time.Duration;

/** Interruptible waits: an interrupt means the execution was stopped or a sibling branch failed. */
final class Waiting {
    private Waiting() {
    }

    static void sleep(Duration duration, Execution execution) {
        try {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration);
            }
        } catch (InterruptedException e) {
            throw new Cancelled("interrupted while waiting");
        }
        execution.checkRunning();
    }
}

package com.billrun.core.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

/**
 * Finds the wall-clock times a schedule would fire at but cannot, because a spring-forward skips them in its
 * zone (RULES.md, Schedules): EventBridge Scheduler then does not fire that day, and for a bill run that is a
 * missed billing cycle, so the API refuses such a schedule up front.
 */
public final class SkippedFirings {

    private SkippedFirings() {
    }

    /**
     * The first wall-clock time in {@code [from, until)} at which {@code expression} falls into a DST gap of
     * {@code zone}; empty when every firing of that period exists. Rate schedules count elapsed time and never
     * fall into a gap.
     */
    public static Optional<LocalDateTime> first(ScheduleExpression expression, ZoneId zone, Instant from, Instant until) {
        if (expression instanceof RateExpression) {
            return Optional.empty();
        }
        ZoneOffsetTransition transition = zone.getRules().nextTransition(from);
        while (transition != null && transition.getInstant().isBefore(until)) {
            if (transition.isGap()) {
                Optional<LocalDateTime> skipped = firingInGap(expression, transition);
                if (skipped.isPresent()) {
                    return skipped;
                }
            }
            transition = zone.getRules().nextTransition(transition.getInstant());
        }
        return Optional.empty();
    }

    /**
     * Evaluated at the fixed offset before the gap, wall-clock times and instants correspond one to one, so the
     * expression fires inside the gap there exactly when it would want a skipped time in the real zone.
     */
    private static Optional<LocalDateTime> firingInGap(ScheduleExpression expression, ZoneOffsetTransition gap) {
        ZoneOffset offset = gap.getOffsetBefore();
        Instant gapStart = gap.getDateTimeBefore().toInstant(offset);
        Instant gapEnd = gap.getDateTimeAfter().toInstant(offset);
        return expression.nextFireAfter(gapStart.minusNanos(1), offset, Instant.EPOCH)
                .filter(fire -> fire.isBefore(gapEnd))
                .map(fire -> LocalDateTime.ofInstant(fire, offset));
    }
}

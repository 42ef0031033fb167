package com.billrun.core.schedule;

import com.billrun.core.BillingDataException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rate(value unit)}: fires at the schedule's start and every {@code interval} after it. As on EventBridge
 * Scheduler a day is 24 hours of elapsed time, so a daily rate drifts by an hour on the wall clock across a
 * DST change (use cron for "every day at 02:00"), and the time zone plays no part.
 */
public record RateExpression(String text, Duration interval) implements ScheduleExpression {

    private static final Pattern BODY = Pattern.compile("(\\d{1,6}) (minute|minutes|hour|hours|day|days)");

    static RateExpression parseBody(String body) {
        Matcher matcher = BODY.matcher(body.strip());
        if (!matcher.matches()) {
            throw new BillingDataException("expression", "must be rate(value minutes|hours|days)");
        }
        long value = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2);
        // EventBridge: "rate(1 minute)" but "rate(5 minutes)"; it refuses the other spellings, so do we.
        if (value == 0 || (value == 1) == unit.endsWith("s")) {
            throw new BillingDataException("expression",
                    "must be a positive value with a singular unit for 1 (rate(1 day)) and plural otherwise (rate(2 days))");
        }
        Duration interval = switch (unit.charAt(0)) {
            case 'm' -> Duration.ofMinutes(value);
            case 'h' -> Duration.ofHours(value);
            default -> Duration.ofDays(value);
        };
        return new RateExpression("rate(" + value + " " + unit + ")", interval);
    }

    @Override
    public Optional<Instant> nextFireAfter(Instant after, ZoneId zone, Instant start) {
        if (after.isBefore(start)) {
            return Optional.of(start);
        }
        long elapsedIntervals = Duration.between(start, after).dividedBy(interval);
        return Optional.of(start.plus(interval.multipliedBy(elapsedIntervals + 1)));
    }
}

package com.billrun.core.schedule;

import com.billrun.core.BillingDataException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.BitSet;
import java.util.Optional;

/**
 * {@code cron(minutes hours day-of-month month day-of-week year)} as EventBridge Scheduler reads it, evaluated in
 * the schedule's time zone. DST (RULES.md, Schedules), as EventBridge Scheduler does it: a wall-clock time the
 * spring-forward skips does not fire that day; a time the fall-back repeats fires once, at its first occurrence.
 */
public final class CronExpression implements ScheduleExpression {

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final DayRule days;
    private final BitSet months;
    private final BitSet years;

    private CronExpression(String text, String[] fields) {
        this.text = text;
        this.minutes = CronField.MINUTES.parse(fields[0]);
        this.hours = CronField.HOURS.parse(fields[1]);
        this.days = dayRule(fields[2], fields[4]);
        this.months = CronField.MONTH.parse(fields[3]);
        this.years = CronField.YEAR.parse(fields[5]);
    }

    static CronExpression parseFields(String body) {
        String[] fields = body.strip().split("\\s+");
        if (fields.length != 6) {
            throw new BillingDataException("expression",
                    "cron needs 6 fields: minutes hours day-of-month month day-of-week year");
        }
        return new CronExpression("cron(" + String.join(" ", fields) + ")", fields);
    }

    /** EventBridge: exactly one of day-of-month and day-of-week is {@code ?}; the other one decides. */
    private static DayRule dayRule(String dayOfMonth, String dayOfWeek) {
        boolean anyDayOfMonth = dayOfMonth.equals("?");
        if (anyDayOfMonth == dayOfWeek.equals("?")) {
            throw new BillingDataException("expression", "exactly one of day-of-month and day-of-week must be '?'");
        }
        return anyDayOfMonth ? DayRule.dayOfWeek(dayOfWeek) : DayRule.dayOfMonth(dayOfMonth);
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public Optional<Instant> nextFireAfter(Instant after, ZoneId zone, Instant start) {
        Instant floor = after.isBefore(start) ? start.minusNanos(1) : after;
        LocalDate date = floor.atZone(zone).toLocalDate();
        while (date.getYear() <= CronField.YEAR.max) {
            if (!years.get(date.getYear())) {
                date = LocalDate.of(date.getYear() + 1, 1, 1);
            } else if (!months.get(date.getMonthValue())) {
                date = date.withDayOfMonth(1).plusMonths(1);
            } else {
                Optional<Instant> fire = days.matches(date) ? firstFireOn(date, zone, floor) : Optional.empty();
                if (fire.isPresent()) {
                    return fire;
                }
                date = date.plusDays(1);
            }
        }
        return Optional.empty();
    }

    /**
     * The first time of {@code date} that fires after {@code floor}. Walking the day's times in wall-clock order
     * meets the instants in order too, because a skipped time does not fire and a repeated one fires at its
     * first occurrence.
     */
    private Optional<Instant> firstFireOn(LocalDate date, ZoneId zone, Instant floor) {
        for (int hour = hours.nextSetBit(0); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
            for (int minute = minutes.nextSetBit(0); minute >= 0; minute = minutes.nextSetBit(minute + 1)) {
                Optional<Instant> fire = instantOf(date.atTime(hour, minute), zone);
                if (fire.isPresent() && fire.get().isAfter(floor)) {
                    return fire;
                }
            }
        }
        return Optional.empty();
    }

    /** Empty for a wall-clock time inside a spring-forward gap: EventBridge Scheduler skips that invocation. */
    static Optional<Instant> instantOf(LocalDateTime wallClock, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(wallClock);
        if (transition != null && transition.isGap()) {
            return Optional.empty();
        }
        return Optional.of(ZonedDateTime.ofLocal(wallClock, zone, null).withEarlierOffsetAtOverlap().toInstant());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronExpression cron && cron.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}

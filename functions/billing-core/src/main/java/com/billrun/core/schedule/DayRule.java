package com.billrun.core.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which days a cron expression fires on: its day-of-month or its day-of-week field (the other one is {@code ?}),
 * with EventBridge's wildcards {@code L}, {@code W} and {@code #}.
 */
@FunctionalInterface
interface DayRule {

    Pattern NEAREST_WEEKDAY = Pattern.compile("(\\d{1,2})W");
    Pattern LAST_OF_MONTH = Pattern.compile("(\\w{1,3})L");
    Pattern NTH_OF_MONTH = Pattern.compile("(\\w{1,3})#(\\d)");

    boolean matches(LocalDate date);

    /** Day-of-month: {@code L} last day, {@code LW} last weekday, {@code 15W} the weekday nearest the 15th, or a set. */
    static DayRule dayOfMonth(String text) {
        if (text.equals("L")) {
            return date -> date.getDayOfMonth() == date.lengthOfMonth();
        }
        if (text.equals("LW")) {
            return date -> date.equals(weekdayNearest(date.with(TemporalAdjusters.lastDayOfMonth())));
        }
        Matcher nearest = NEAREST_WEEKDAY.matcher(text);
        if (nearest.matches()) {
            int day = CronField.DAY_OF_MONTH.value(nearest.group(1));
            return date -> day <= date.lengthOfMonth() && date.equals(weekdayNearest(date.withDayOfMonth(day)));
        }
        BitSet days = CronField.DAY_OF_MONTH.parse(text);
        return date -> days.get(date.getDayOfMonth());
    }

    /** Day-of-week (1 = SUN): {@code L} Saturday, {@code 6L} the last Friday, {@code 2#1} the first Monday, or a set. */
    static DayRule dayOfWeek(String text) {
        if (text.equals("L")) {
            return date -> date.getDayOfWeek() == DayOfWeek.SATURDAY;
        }
        Matcher last = LAST_OF_MONTH.matcher(text);
        if (last.matches()) {
            DayOfWeek day = dayOfWeek(CronField.DAY_OF_WEEK.value(last.group(1)));
            return date -> date.equals(date.with(TemporalAdjusters.lastInMonth(day)));
        }
        Matcher nth = NTH_OF_MONTH.matcher(text);
        if (nth.matches()) {
            DayOfWeek day = dayOfWeek(CronField.DAY_OF_WEEK.value(nth.group(1)));
            int ordinal = Integer.parseInt(nth.group(2));
            if (ordinal < 1 || ordinal > 5) {
                throw CronField.DAY_OF_WEEK.invalid("'#" + ordinal + "' must be #1-#5");
            }
            return date -> date.getDayOfWeek() == day && (date.getDayOfMonth() - 1) / 7 + 1 == ordinal;
        }
        BitSet days = CronField.DAY_OF_WEEK.parse(text);
        return date -> days.get(date.getDayOfWeek().getValue() % 7 + 1);
    }

    /** EventBridge's 1 = SUN ... 7 = SAT as java.time's day. */
    private static DayOfWeek dayOfWeek(int eventBridgeDay) {
        return DayOfWeek.SUNDAY.plus(eventBridgeDay - 1);
    }

    /** Quartz's W: a Saturday moves to Friday and a Sunday to Monday, never into another month. */
    private static LocalDate weekdayNearest(LocalDate day) {
        return switch (day.getDayOfWeek()) {
            case SATURDAY -> day.getDayOfMonth() == 1 ? day.plusDays(2) : day.minusDays(1);
            case SUNDAY -> day.getDayOfMonth() == day.lengthOfMonth() ? day.minusDays(2) : day.plusDays(1);
            default -> day;
        };
    }
}

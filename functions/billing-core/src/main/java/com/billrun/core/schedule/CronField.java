package com.billrun.core.schedule;

import com.billrun.core.BillingDataException;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * One field of a cron expression and the plain syntax all fields share: {@code *}, values, names, ranges
 * {@code a-b}, steps ({@code 0/15}, {@code 1-10/2}, or {@code *} followed by a step), and comma lists of those.
 * Day fields add their own wildcards ({@link DayRule}).
 */
enum CronField {
    MINUTES(0, 59, List.of()),
    HOURS(0, 23, List.of()),
    DAY_OF_MONTH(1, 31, List.of()),
    MONTH(1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
    /** EventBridge counts the week from Sunday: 1 = SUN ... 7 = SAT. */
    DAY_OF_WEEK(1, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")),
    YEAR(1970, 2199, List.of());

    final int min;
    final int max;
    private final List<String> names;

    CronField(int min, int max, List<String> names) {
        this.min = min;
        this.max = max;
        this.names = names;
    }

    /** The set of values a plain field allows. */
    BitSet parse(String text) {
        BitSet values = new BitSet(max + 1);
        for (String item : text.split(",", -1)) {
            addItem(item, values);
        }
        return values;
    }

    /** One value, as a number or (months, days of the week) a three-letter name. */
    int value(String token) {
        int index = names.indexOf(token.toUpperCase(Locale.ROOT));
        if (index >= 0) {
            return min + index;
        }
        if (!token.matches("\\d{1,4}")) {
            throw invalid("'" + token + "' is not a value");
        }
        int value = Integer.parseInt(token);
        if (value < min || value > max) {
            throw invalid(value + " is outside " + min + "-" + max);
        }
        return value;
    }

    BillingDataException invalid(String reason) {
        return new BillingDataException("expression", label() + ": " + reason);
    }

    private void addItem(String item, BitSet values) {
        String[] baseAndStep = item.split("/", -1);
        if (baseAndStep.length > 2) {
            throw invalid("'" + item + "' has more than one step");
        }
        int step = baseAndStep.length == 2 ? step(baseAndStep[1]) : 1;
        String base = baseAndStep[0];
        int from;
        int to;
        if (base.equals("*")) {
            from = min;
            to = max;
        } else if (base.contains("-")) {
            String[] range = base.split("-", -1);
            if (range.length != 2) {
                throw invalid("'" + item + "' is not a range");
            }
            from = value(range[0]);
            to = value(range[1]);
            if (from > to) {
                throw invalid("range '" + base + "' runs backwards");
            }
        } else {
            from = value(base);
            to = baseAndStep.length == 2 ? max : from; // "5/15" = from 5 to the end, every 15
        }
        for (int v = from; v <= to; v += step) {
            values.set(v);
        }
    }

    private int step(String token) {
        if (!token.matches("\\d{1,4}") || Integer.parseInt(token) == 0 || Integer.parseInt(token) > max) {
            throw invalid("step '" + token + "' must be 1-" + max);
        }
        return Integer.parseInt(token);
    }

    private String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

package com.billrun.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.core.BillingDataException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RULES.md Schedules: EventBridge Scheduler expressions and their next firing in the schedule's time zone. Times
 * are written with the zone's offset of that moment, so a DST change shows in the offset.
 */
class ScheduleExpressionTest {

    private static final Instant LONG_AGO = Instant.parse("2000-01-01T00:00:00Z");

    static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    @ParameterizedTest(name = "{0} in {1} after {2} -> {3}")
    @CsvSource(delimiter = ';', nullValues = "never", textBlock = """
            # finance's "02:00 on the 1st", through the New York DST change of 2024-03-10
            cron(0 2 1 * ? *); America/New_York; 2024-01-15T00:00-05:00; 2024-02-01T02:00-05:00
            cron(0 2 1 * ? *); America/New_York; 2024-02-01T02:00-05:00; 2024-03-01T02:00-05:00
            cron(0 2 1 * ? *); America/New_York; 2024-03-01T02:00-05:00; 2024-04-01T02:00-04:00
            cron(0 2 1 * ? *); Asia/Tokyo; 2024-01-31T00:00Z; 2024-02-01T02:00+09:00
            # spring forward: 02:30 does not exist on 2024-03-10 in New York; like EventBridge, that day is skipped
            cron(30 2 * * ? *); America/New_York; 2024-03-09T02:30-05:00; 2024-03-11T02:30-04:00
            cron(30 2 * * ? *); America/New_York; 2024-03-10T03:00-04:00; 2024-03-11T02:30-04:00
            # every half hour across the gap: 02:00 and 02:30 do not exist, 03:00 is next
            cron(0/30 * * * ? *); America/New_York; 2024-03-10T01:30-05:00; 2024-03-10T03:00-04:00
            cron(0/30 * * * ? *); America/New_York; 2024-03-10T03:00-04:00; 2024-03-10T03:30-04:00
            # a midnight gap (Santiago, 2024-09-08 00:00 -> 01:00): no midnight that day
            cron(0 0 * * ? *); America/Santiago; 2024-09-07T00:00-04:00; 2024-09-09T00:00-03:00
            # fall back: 01:30 happens twice on 2024-11-03 in New York and fires once, the first time
            cron(30 1 * * ? *); America/New_York; 2024-11-02T01:30-04:00; 2024-11-03T01:30-04:00
            cron(30 1 * * ? *); America/New_York; 2024-11-03T01:30-04:00; 2024-11-04T01:30-05:00
            cron(0/30 * * * ? *); America/New_York; 2024-11-03T01:30-04:00; 2024-11-03T02:00-05:00
            cron(30 1 * * ? *); America/New_York; 2024-11-03T01:00-05:00; 2024-11-04T01:30-05:00
            # month ends: L is the last day (leap February included); 31 skips the short months
            cron(0 2 L * ? *); UTC; 2024-01-31T02:00Z; 2024-02-29T02:00Z
            cron(0 2 L * ? *); UTC; 2023-02-01T00:00Z; 2023-02-28T02:00Z
            cron(0 2 L * ? *); UTC; 2024-04-01T00:00Z; 2024-04-30T02:00Z
            cron(0 2 31 * ? *); UTC; 2024-01-31T03:00Z; 2024-03-31T02:00Z
            cron(0 23 L * ? *); Europe/Paris; 2024-03-01T00:00+01:00; 2024-03-31T23:00+02:00
            # every Monday, in London across the change to summer time on 2024-03-31
            cron(0 9 ? * MON *); Europe/London; 2024-03-28T12:00Z; 2024-04-01T09:00+01:00
            cron(0 9 ? * 2 *); Europe/London; 2024-04-01T09:00+01:00; 2024-04-08T09:00+01:00
            # first Monday (2#1), last Friday (6L), Saturday (L)
            cron(0 6 ? * 2#1 *); UTC; 2024-09-01T00:00Z; 2024-09-02T06:00Z
            cron(0 6 ? * 2#1 *); UTC; 2024-09-02T06:00Z; 2024-10-07T06:00Z
            cron(0 18 ? * 6L *); UTC; 2024-05-01T00:00Z; 2024-05-31T18:00Z
            cron(0 18 ? * FRIL *); UTC; 2024-06-01T00:00Z; 2024-06-28T18:00Z
            cron(0 0 ? * L *); UTC; 2024-06-03T00:00Z; 2024-06-08T00:00Z
            # W: the weekday nearest the 15th (Sat 2024-06-15 -> Fri 14th), the 1st (Sat 2024-06-01 -> Mon 3rd), LW
            cron(0 0 15W * ? *); UTC; 2024-06-01T00:00Z; 2024-06-14T00:00Z
            cron(0 0 1W * ? *); UTC; 2024-05-31T00:00Z; 2024-06-03T00:00Z
            cron(0 0 LW * ? *); UTC; 2024-08-01T00:00Z; 2024-08-30T00:00Z
            # ranges, lists, steps, names
            cron(0 2 1 1/3 ? *); UTC; 2024-02-01T00:00Z; 2024-04-01T02:00Z
            cron(15,45 8-9 ? * MON-FRI *); UTC; 2024-06-07T09:45Z; 2024-06-10T08:15Z
            cron(0 2 1 JAN,JUL ? *); UTC; 2024-01-01T02:00Z; 2024-07-01T02:00Z
            # years that end, days that never come
            cron(0 0 1 1 ? 2025-2026); UTC; 2025-06-01T00:00Z; 2026-01-01T00:00Z
            cron(0 0 1 1 ? 2025); UTC; 2025-01-01T00:00Z; never
            cron(0 0 30 2 ? *); UTC; 2024-01-01T00:00Z; never
            # rate: every N of elapsed time from the start (2000-01-01T00:00Z); a day is 24 hours
            rate(5 minutes); UTC; 2024-01-01T00:12Z; 2024-01-01T00:15Z
            rate(2 hours); UTC; 2024-01-01T04:00Z; 2024-01-01T06:00Z
            rate(1 day); America/New_York; 2024-03-09T19:00-05:00; 2024-03-10T20:00-04:00
            """)
    void nextFire(String expression, String zone, String after, String expected) {
        Optional<Instant> next = ScheduleExpression.parse(expression)
                .nextFireAfter(at(after), ScheduleExpression.zone(zone), LONG_AGO);

        assertEquals(Optional.ofNullable(expected).map(ScheduleExpressionTest::at), next);
    }

    @Test
    void nothingFiresBeforeTheStart() {
        Instant start = at("2024-03-15T00:00Z");
        ZoneId utc = ZoneId.of("UTC");

        assertEquals(Optional.of(at("2024-04-01T02:00Z")), ScheduleExpression.parse("cron(0 2 1 * ? *)")
                .nextFireAfter(at("2024-01-01T00:00Z"), utc, start));
        assertEquals(Optional.of(start), ScheduleExpression.parse("rate(7 days)")
                .nextFireAfter(at("2024-01-01T00:00Z"), utc, start));
        assertEquals(Optional.of(at("2024-03-22T00:00Z")), ScheduleExpression.parse("rate(7 days)")
                .nextFireAfter(start, utc, start));
    }

    @Test
    void aYearOfMondaysIn52Or53Steps() {
        ScheduleExpression mondays = ScheduleExpression.parse("cron(0 9 ? * MON *)");
        ZoneId paris = ZoneId.of("Europe/Paris");
        Instant fire = at("2024-01-01T00:00+01:00");
        int count = 0;
        while ((fire = mondays.nextFireAfter(fire, paris, LONG_AGO).orElseThrow()).isBefore(at("2025-01-01T00:00+01:00"))) {
            assertEquals(9, fire.atZone(paris).getHour());
            count++;
        }
        assertEquals(53, count); // 2024 starts on a Monday and is a leap year
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', textBlock = """
            cron(0 2 1 * * *); exactly one of day-of-month and day-of-week must be '?'
            cron(0 2 ? * ? *); exactly one of day-of-month and day-of-week must be '?'
            cron(60 2 1 * ? *); minutes: 60 is outside 0-59
            cron(0 24 1 * ? *); hours: 24 is outside 0-23
            cron(0 2 32 * ? *); day-of-month: 32 is outside 1-31
            cron(0 2 0 * ? *); day-of-month: 0 is outside 1-31
            cron(0 2 1 13 ? *); month: 13 is outside 1-12
            cron(0 2 1 FOO ? *); month: 'FOO' is not a value
            cron(0 2 ? * 8 *); day-of-week: 8 is outside 1-7
            cron(0 2 ? * 2#6 *); day-of-week: '#6' must be #1-#5
            cron(0 2 1 * ? 1969); year: 1969 is outside 1970-2199
            cron(0 2 5-1 * ? *); day-of-month: range '5-1' runs backwards
            cron(*/0 2 1 * ? *); minutes: step '0' must be 1-59
            cron(0 2 L-3 * ? *); day-of-month: 'L' is not a value
            cron(0 2 1,,2 * ? *); day-of-month: '' is not a value
            cron(0 2 1 * ?); cron needs 6 fields: minutes hours day-of-month month day-of-week year
            cron(0 ? 1 * ? *); hours: '?' is not a value
            rate(0 minutes); must be a positive value with a singular unit for 1 (rate(1 day)) and plural otherwise (rate(2 days))
            rate(1 minutes); must be a positive value with a singular unit for 1 (rate(1 day)) and plural otherwise (rate(2 days))
            rate(5 minute); must be a positive value with a singular unit for 1 (rate(1 day)) and plural otherwise (rate(2 days))
            rate(2 weeks); must be rate(value minutes|hours|days)
            rate(-5 minutes); must be rate(value minutes|hours|days)
            rate(1.5 hours); must be rate(value minutes|hours|days)
            at(2024-01-01T00:00:00); must be cron(minutes hours day-of-month month day-of-week year) or rate(value minutes|hours|days)
            0 2 1 * ? *; must be cron(minutes hours day-of-month month day-of-week year) or rate(value minutes|hours|days)
            """)
    void refusesNamingTheExpression(String expression, String reason) {
        BillingDataException e = assertThrows(BillingDataException.class, () -> ScheduleExpression.parse(expression));

        assertEquals("expression", e.field());
        assertEquals(reason, e.reason());
    }

    @Test
    void refusesAbsentOrHugeExpressionsAndUnknownZones() {
        assertEquals("expression", assertThrows(BillingDataException.class,
                () -> ScheduleExpression.parse(" ")).field());
        assertEquals("expression", assertThrows(BillingDataException.class,
                () -> ScheduleExpression.parse("cron(" + "1,".repeat(200) + "1 2 1 * ? *)")).field());
        BillingDataException zone = assertThrows(BillingDataException.class,
                () -> ScheduleExpression.zone("Mars/Olympus_Mons"));
        assertEquals("timeZone", zone.field());
        assertTrue(zone.reason().contains("Mars/Olympus_Mons"));
        for (String offset : new String[] {"+05:00", "GMT+5", "UTC+05:00", "Z"}) {
            assertEquals("timeZone", assertThrows(BillingDataException.class, () -> ScheduleExpression.zone(offset)).field(), offset);
        }
        assertEquals("America/New_York", ScheduleExpression.zone("America/New_York").getId());
    }

    @Test
    void textIsTheCanonicalExpression() {
        assertEquals("cron(0 2 1 * ? *)", ScheduleExpression.parse("  cron(0  2 1 * ?   *) ").text());
        assertEquals("rate(1 hour)", ScheduleExpression.parse("rate(1 hour)").text());
    }
}

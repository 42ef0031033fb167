package com.billrun.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RULES.md Schedules: which schedules would lose a firing to a spring-forward within a year of 2024-01-01. */
class SkippedFiringsTest {

    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2025-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            # 02:30 every day does not exist on 2024-03-10 in New York, nor 02:00 on 2024-03-31 in Paris
            cron(30 2 * * ? *); America/New_York; 2024-03-10T02:30
            cron(0 2 * * ? *); Europe/Paris; 2024-03-31T02:00
            # the gap's end is not in it: 03:00 exists; the fall-back repeats 01:30, which still fires once
            cron(0 3 * * ? *); America/New_York; none
            cron(30 1 * * ? *); America/New_York; none
            # monthly on the 1st at 02:00: the gap is on a Sunday in mid or late March, never the 1st in these zones
            cron(0 2 1 * ? *); America/New_York; none
            cron(0 2 1 * ? *); Europe/Paris; none
            # Sundays at 02:15: only the DST Sunday is hit
            cron(15 2 ? * SUN *); Europe/Paris; 2024-03-31T02:15
            # no DST at all, and rates count elapsed time
            cron(30 2 * * ? *); Asia/Tokyo; none
            cron(30 2 * * ? *); UTC; none
            rate(1 hour); America/New_York; none
            # a year range that ends before the gap
            cron(30 2 * * ? 2023); America/New_York; none
            """)
    void findsTheFirstFiringASpringForwardSkips(String expression, String zone, String skipped) {
        Optional<LocalDateTime> expected = Optional.ofNullable(skipped).map(LocalDateTime::parse);
        assertEquals(expected, SkippedFirings.first(ScheduleExpression.parse(expression), ZoneId.of(zone), FROM, UNTIL));
    }
}

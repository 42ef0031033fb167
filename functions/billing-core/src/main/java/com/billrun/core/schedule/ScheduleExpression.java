package com.billrun.core.schedule;

import com.billrun.core.BillingDataException;
import com.billrun.core.RequestLimits;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A recurring EventBridge Scheduler expression, {@code cron(...)} or {@code rate(...)}, evaluated in an IANA
 * time zone: what validates {@code POST /schedules} and drives {@code ./billrun serve}'s local scheduler.
 * One-time {@code at(...)} schedules are refused: a schedule here is a recurring bill run.
 */
public sealed interface ScheduleExpression permits CronExpression, RateExpression {

    /** Parses {@code text}; a malformed expression is a {@link BillingDataException} naming {@code expression}. */
    static ScheduleExpression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new BillingDataException("expression", "is required");
        }
        if (text.length() > RequestLimits.MAX_SCHEDULE_EXPRESSION_LENGTH) {
            throw new BillingDataException("expression", "is longer than "
                    + RequestLimits.MAX_SCHEDULE_EXPRESSION_LENGTH + " characters");
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("cron(") && trimmed.endsWith(")")) {
            return CronExpression.parseFields(trimmed.substring(5, trimmed.length() - 1));
        }
        if (trimmed.startsWith("rate(") && trimmed.endsWith(")")) {
            return RateExpression.parseBody(trimmed.substring(5, trimmed.length() - 1));
        }
        throw new BillingDataException("expression", "must be cron(minutes hours day-of-month month day-of-week year)"
                + " or rate(value minutes|hours|days)");
    }

    /**
     * An IANA zone id such as {@code Europe/Paris}; refused naming {@code timeZone} when unknown. Offsets such as
     * {@code +05:00} or {@code GMT+5}, which java.time reads but EventBridge Scheduler does not, are refused too.
     */
    static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            throw new BillingDataException("timeZone", "is required");
        }
        if (!ZoneId.getAvailableZoneIds().contains(id)) {
            throw new BillingDataException("timeZone", "unknown time zone " + id + "; use an IANA name such as Europe/Paris");
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException unknown) {
            throw new BillingDataException("timeZone", "unknown time zone " + id);
        }
    }

    /**
     * The first firing strictly after {@code after} and not before {@code start} (the schedule's StartDate: rate
     * schedules count from it, cron schedules only wait for it); empty when the expression never fires again.
     */
    Optional<Instant> nextFireAfter(Instant after, ZoneId zone, Instant start);

    /** The expression in EventBridge Scheduler's syntax, ready for CreateSchedule's ScheduleExpression. */
    String text();
}

package com.billrun.store;

import com.billrun.store.dynamodb.ItemKey;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The emails a run caused ({@code T#{t}#RUN#{runId}} / {@code MAIL#{subject}#{recipient}}): one record per
 * subject (COMPLETED, ERROR, POSTED, POST_FAILED, or {@code INVOICE-{invoiceId}} for a customer email) and
 * recipient, with the outcome and the attempts. A record that says SENT is final, so a retried Lambda or a
 * redelivered message never mails anybody twice; a FAILED one may be tried again.
 *
 * <p>A customer email sent again on request ({@code POST /invoices/{id}/email}) has its own subject,
 * {@code INVOICE-{invoiceId}-RESEND-{resendId}}, and its record says which email it repeats, who asked and when
 * ({@link Resend}).
 */
public final class NotificationLog {

    /** Where an email stands. */
    public enum Delivery { SENDING, SENT, FAILED }

    /** One record of the log; {@code resend} only for an email sent again on request. */
    public record Notification(String subject, String recipient, Delivery delivery, int attempts, String messageId,
                               String error, Instant updatedAt, Resend resend) {
    }

    /** An email sent again on request: the subject it repeats, who asked for it and when. */
    public record Resend(String resendOf, String requestedBy, Instant requestedAt) {
    }

    private static final String DELIVERY = "delivery";
    private static final String ATTEMPTS = "attempts";
    private static final String RESEND_OF = "resendOf";
    private static final String REQUESTED_BY = "requestedBy";
    private static final String REQUESTED_AT = "requestedAt";

    private static final String MAIL = "MAIL#";

    private final Table table;
    private final Clock clock;

    public NotificationLog(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /**
     * Claims one sending attempt: false when this email was already SENT (nothing to do). Between a true
     * here and {@link #sent}, a crash can still cause a second email on retry: at most one per crash.
     */
    public boolean beginAttempt(String tenantId, String billRunId, String subject, String recipient) {
        return beginAttempt(tenantId, billRunId, subject, recipient, null);
    }

    /** {@link #beginAttempt(String, String, String, String)}, recording what a re-sent email repeats and who asked. */
    public boolean beginAttempt(String tenantId, String billRunId, String subject, String recipient, Resend resend) {
        Map<String, String> names = new HashMap<>(Map.of("#delivery", DELIVERY, "#updatedAt", "updatedAt", "#attempts", ATTEMPTS));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":sending", AttributeValue.fromS(Delivery.SENDING.name()),
                ":sent", AttributeValue.fromS(Delivery.SENT.name()),
                ":now", AttributeValue.fromS(clock.instant().toString()),
                ":one", AttributeValue.fromN("1")));
        String set = "SET #delivery = :sending, #updatedAt = :now";
        if (resend != null) {
            names.putAll(Map.of("#resendOf", RESEND_OF, "#requestedBy", REQUESTED_BY, "#requestedAt", REQUESTED_AT));
            values.putAll(Map.of(":resendOf", AttributeValue.fromS(resend.resendOf()),
                    ":requestedBy", AttributeValue.fromS(resend.requestedBy()),
                    ":requestedAt", AttributeValue.fromS(resend.requestedAt().toString())));
            set += ", #resendOf = :resendOf, #requestedBy = :requestedBy, #requestedAt = :requestedAt";
        }
        String update = set + " ADD #attempts :one";
        try {
            table.update(u -> u.key(key(tenantId, billRunId, subject, recipient).toAttributes())
                    .updateExpression(update)
                    .conditionExpression("attribute_not_exists(#delivery) OR #delivery <> :sent")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException alreadySent) {
            return false;
        }
    }

    public void sent(String tenantId, String billRunId, String subject, String recipient, String messageId) {
        finish(tenantId, billRunId, subject, recipient, Delivery.SENT, "messageId", messageId);
    }

    public void failed(String tenantId, String billRunId, String subject, String recipient, String error) {
        finish(tenantId, billRunId, subject, recipient, Delivery.FAILED, "error", error);
    }

    public Optional<Notification> find(String tenantId, String billRunId, String subject, String recipient) {
        return table.get(key(tenantId, billRunId, subject, recipient)).map(item -> notification(subject, recipient, item));
    }

    /**
     * The run's records whose subject begins with {@code subjectPrefix} (e.g. {@code INVOICE-}: every customer
     * email of the run, re-sends included), read consistently from the run's partition.
     */
    public List<Notification> ofRun(String tenantId, String billRunId, String subjectPrefix) {
        return table.partition(Keys.runPartition(tenantId, billRunId), MAIL + subjectPrefix).stream()
                .map(item -> {
                    // SK = MAIL#{subject}#{recipient}; neither part contains '#' (Keys.id)
                    String[] parts = item.string(Keys.SK).split("#", 3);
                    return notification(parts[1], parts[2], item);
                })
                .toList();
    }

    private static Notification notification(String subject, String recipient, ItemReader item) {
        Resend resend = item.has(RESEND_OF)
                ? new Resend(item.string(RESEND_OF), item.string(REQUESTED_BY), item.instant(REQUESTED_AT)) : null;
        return new Notification(subject, recipient, item.enumValue(DELIVERY, Delivery.class), item.integer(ATTEMPTS),
                item.string("messageId"), item.string("error"), item.instant("updatedAt"), resend);
    }

    private void finish(String tenantId, String billRunId, String subject, String recipient, Delivery delivery,
                        String detailName, String detail) {
        table.update(u -> u.key(key(tenantId, billRunId, subject, recipient).toAttributes())
                .updateExpression("SET #delivery = :delivery, #updatedAt = :now, #detail = :detail")
                .expressionAttributeNames(Map.of("#delivery", DELIVERY, "#updatedAt", "updatedAt", "#detail", detailName))
                .expressionAttributeValues(Map.of(":delivery", AttributeValue.fromS(delivery.name()),
                        ":now", AttributeValue.fromS(clock.instant().toString()),
                        ":detail", AttributeValue.fromS(detail == null ? "-" : detail))));
    }

    private static ItemKey key(String tenantId, String billRunId, String subject, String recipient) {
        return new ItemKey(Keys.runPartition(tenantId, billRunId),
                MAIL + Keys.id("subject", subject) + "#" + Keys.id("recipient", recipient));
    }
}

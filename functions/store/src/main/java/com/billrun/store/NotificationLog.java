package com.billrun.store;

import com.billrun.store.dynamodb.ItemKey;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The emails a run caused ({@code T#{t}#RUN#{runId}} / {@code MAIL#{subject}#{recipient}}): one record per
 * subject (COMPLETED, ERROR, POSTED, POST_FAILED, or {@code INVOICE-{invoiceId}} for a customer email) and
 * recipient, with the outcome and the attempts. A record that says SENT is final, so a retried Lambda or a
 * redelivered message never mails anybody twice; a FAILED one may be tried again.
 */
public final class NotificationLog {

    /** Where an email stands. */
    public enum Delivery { SENDING, SENT, FAILED }

    /** One record of the log. */
    public record Notification(String subject, String recipient, Delivery delivery, int attempts, String messageId,
                               String error, Instant updatedAt) {
    }

    private static final String DELIVERY = "delivery";
    private static final String ATTEMPTS = "attempts";

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
        try {
            table.update(u -> u.key(key(tenantId, billRunId, subject, recipient).toAttributes())
                    .updateExpression("SET #delivery = :sending, #updatedAt = :now ADD #attempts :one")
                    .conditionExpression("attribute_not_exists(#delivery) OR #delivery <> :sent")
                    .expressionAttributeNames(Map.of("#delivery", DELIVERY, "#updatedAt", "updatedAt", "#attempts", ATTEMPTS))
                    .expressionAttributeValues(Map.of(":sending", AttributeValue.fromS(Delivery.SENDING.name()),
                            ":sent", AttributeValue.fromS(Delivery.SENT.name()),
                            ":now", AttributeValue.fromS(clock.instant().toString()),
                            ":one", AttributeValue.fromN("1"))));
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
        return table.get(key(tenantId, billRunId, subject, recipient)).map(item -> new Notification(subject, recipient,
                item.enumValue(DELIVERY, Delivery.class), item.integer(ATTEMPTS), item.string("messageId"),
                item.string("error"), item.instant("updatedAt")));
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
                "MAIL#" + Keys.id("subject", subject) + "#" + Keys.id("recipient", recipient));
    }
}

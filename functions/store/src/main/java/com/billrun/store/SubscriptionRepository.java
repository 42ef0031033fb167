package com.billrun.store;

import static com.billrun.store.SubscriptionMapper.CHARGED_THROUGH;
import static com.billrun.store.SubscriptionMapper.VERSION;

import com.billrun.core.Charge;

import com.billrun.core.ChargedThroughDate;
import com.billrun.core.Subscription;
import com.billrun.store.dynamodb.Conditions;
import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import com.billrun.store.dynamodb.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Subscriptions, their charges' charged-through dates and the version that guards them. */
public final class SubscriptionRepository {

    /** The item attribute that lists the charge amendments ({@link ChargeAmendment}). */
    static final String AMENDMENTS = "amendments";

    private final Table table;

    public SubscriptionRepository(Table table) {
        this.table = table;
    }

    /**
     * Stores a new subscription at version 1 and its reference item (its entry in "subscription by id"), in one
     * transaction; false when one with that id exists on the account (nothing written).
     */
    public boolean create(String tenantId, String accountId, Subscription subscription) {
        try {
            table.transact(List.of(
                    table.putIfAbsentAction(SubscriptionMapper.toItem(tenantId, new StoredSubscription(accountId, subscription, 1))),
                    table.putAction(SubscriptionMapper.referenceItem(tenantId, accountId, subscription.id()))));
            return true;
        } catch (TransactionCanceledException refused) {
            if (Conditions.failed(refused, 0)) {
                return false;
            }
            throw new TransientStoreException("subscription " + subscription.id() + " not created: " + refused.getMessage(), refused);
        }
    }

    public Optional<StoredSubscription> find(String tenantId, String accountId, String subscriptionId) {
        return table.get(Keys.subscription(tenantId, accountId, subscriptionId)).map(SubscriptionMapper::fromItem);
    }

    /** The account's subscriptions, by id (one page of its item collection, strongly consistent). */
    public Page<StoredSubscription> ofAccount(String tenantId, String accountId, String cursor, int limit) {
        Page<ItemReader> page = table.page(q -> q.keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.accountPartition(tenantId, accountId)),
                        ":prefix", AttributeValue.fromS(Keys.SUBSCRIPTION_PREFIX)))
                .consistentRead(true), cursor, limit);
        return new Page<>(page.items().stream().map(SubscriptionMapper::fromItem).toList(), page.nextCursor());
    }

    /**
     * By id alone (e.g. POST /subscriptions/{id}/cancel): the index names the account, the table gives the item. The
     * index entry is the subscription's reference item ({@code SUBREF#}), or, for a subscription stored before
     * references existed, the subscription item itself: both hold the account id.
     */
    public Optional<StoredSubscription> find(String tenantId, String subscriptionId) {
        return table.queryAll(q -> q.indexName(Keys.GSI1).keyConditionExpression("GSI1PK = :pk")
                        .projectionExpression("#accountId").expressionAttributeNames(Map.of("#accountId", SubscriptionMapper.ACCOUNT_ID))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.subscriptionIndex(tenantId, subscriptionId)))))
                .stream().map(indexed -> indexed.string(SubscriptionMapper.ACCOUNT_ID)).distinct()
                .map(accountId -> find(tenantId, accountId, subscriptionId)).flatMap(Optional::stream).findFirst();
    }

    /**
     * Ends (cancels) the subscription from {@code effectiveDate}, the first day without service; the next run
     * credits what was billed beyond it (functions/billing-core/RULES.md).
     *
     * @return false when the subscription changed since {@code read} (e.g. a run billed it): nothing written; read
     *         it again and decide again
     */
    public boolean endOn(String tenantId, StoredSubscription read, LocalDate effectiveDate) {
        try {
            table.update(u -> u.key(Keys.subscription(tenantId, read.accountId(), read.id()).toAttributes())
                    .updateExpression("SET endDate = :end, #version = :next")
                    .conditionExpression("#version = :read")
                    .expressionAttributeNames(Map.of("#version", VERSION))
                    .expressionAttributeValues(Map.of(":end", AttributeValue.fromS(effectiveDate.toString()),
                            ":next", number(read.version() + 1), ":read", number(read.version()))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /**
     * Replaces the charge at {@code index} by {@code amended} and appends {@code amendment} to the subscription's
     * amendments, only while the charge has never been billed (no charged-through date) and the subscription is
     * still at the version read.
     *
     * @return false when the subscription changed since {@code read} or the charge was billed meanwhile: nothing
     *         written; read it again and decide again
     */
    public boolean amendCharge(String tenantId, StoredSubscription read, int index, Charge amended,
                               ChargeAmendment amendment) {
        Map<String, AttributeValue> recorded = Item.nested().string("subscriptionId", amendment.subscriptionId())
                .string("chargeId", amendment.chargeId()).string("chargeName", amendment.chargeName())
                .instant("at", amendment.at()).string("by", amendment.by()).integer("scale", amendment.scale()).build();
        try {
            table.update(u -> u.key(Keys.subscription(tenantId, read.accountId(), read.id()).toAttributes())
                    .updateExpression("SET charges[" + index + "] = :charge, #version = :next, "
                            + "#amendments = list_append(if_not_exists(#amendments, :none), :amendment)")
                    .conditionExpression("#version = :read AND attribute_not_exists(#ct.#charge)")
                    .expressionAttributeNames(Map.of("#version", VERSION, "#amendments", AMENDMENTS,
                            "#ct", CHARGED_THROUGH, "#charge", amended.id()))
                    .expressionAttributeValues(Map.of(":charge", AttributeValue.fromM(SubscriptionMapper.charge(amended)),
                            ":next", number(read.version() + 1), ":read", number(read.version()),
                            ":none", AttributeValue.fromL(List.of()),
                            ":amendment", AttributeValue.fromL(List.of(AttributeValue.fromM(recorded))))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /** The charge amendments of the account's subscriptions, oldest first. */
    public List<ChargeAmendment> amendmentsOfAccount(String tenantId, String accountId) {
        List<ChargeAmendment> all = new ArrayList<>();
        for (ItemReader item : table.queryAll(q -> q.keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.accountPartition(tenantId, accountId)),
                        ":prefix", AttributeValue.fromS(Keys.SUBSCRIPTION_PREFIX)))
                .consistentRead(true))) {
            if (item.has(AMENDMENTS)) {
                for (ItemReader a : item.maps(AMENDMENTS)) {
                    all.add(new ChargeAmendment(a.string("subscriptionId"), a.string("chargeId"), a.string("chargeName"),
                            a.instant("at"), a.string("by"), a.integer("scale")));
                }
            }
        }
        all.sort(java.util.Comparator.comparing(ChargeAmendment::at));
        return all;
    }

    /**
     * The write that applies a run's moves of one subscription: each charge's date set (or removed when moved
     * back to "never billed"), the version bumped, refused when the subscription is no longer at {@code readVersion}.
     */
    TransactWriteItem chargedThroughAction(String tenantId, String accountId, String subscriptionId, long readVersion,
                                           List<ChargedThroughDate> moves) {
        Moves update = Moves.of(moves, ChargedThroughDate::next);
        update.values.put(":read", number(readVersion));
        update.values.put(":next", number(readVersion + 1));
        return table.updateAction(Keys.subscription(tenantId, accountId, subscriptionId),
                update.expression("#version = :next"), "#version = :read", update.names, update.values);
    }

    /**
     * The write that undoes a cancelled run's moves: refused unless every charge still holds the date that run
     * set, so a rollback never erases what a later run billed.
     */
    TransactWriteItem rollbackAction(String tenantId, String accountId, String subscriptionId,
                                     List<ChargedThroughDate> moves) {
        Moves update = Moves.of(moves, ChargedThroughDate::previous);
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < moves.size(); i++) {
            String held = ":held" + i;
            update.values.put(held, AttributeValue.fromS(moves.get(i).next().toString()));
            conditions.add("#ct.#c" + i + " = " + held);
        }
        update.values.put(":one", number(1));
        return table.updateAction(Keys.subscription(tenantId, accountId, subscriptionId),
                update.expression("#version = #version + :one"), String.join(" AND ", conditions),
                update.names, update.values);
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** SET / REMOVE clauses for {@code chargedThrough.{chargeId}} of several charges. */
    private static final class Moves {
        final Map<String, String> names = new LinkedHashMap<>();
        final Map<String, AttributeValue> values = new LinkedHashMap<>();
        final List<String> sets = new ArrayList<>();
        final List<String> removes = new ArrayList<>();

        static Moves of(List<ChargedThroughDate> moves, java.util.function.Function<ChargedThroughDate, LocalDate> target) {
            Moves update = new Moves();
            update.names.put("#ct", CHARGED_THROUGH);
            update.names.put("#version", VERSION);
            for (int i = 0; i < moves.size(); i++) {
                ChargedThroughDate move = moves.get(i);
                update.names.put("#c" + i, move.chargeId());
                LocalDate date = target.apply(move);
                if (date == null) {
                    update.removes.add("#ct.#c" + i);
                } else {
                    update.values.put(":d" + i, AttributeValue.fromS(date.toString()));
                    update.sets.add("#ct.#c" + i + " = :d" + i);
                }
            }
            return update;
        }

        String expression(String versionChange) {
            List<String> all = new ArrayList<>(sets);
            all.add(versionChange);
            return "SET " + String.join(", ", all) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        }
    }
}

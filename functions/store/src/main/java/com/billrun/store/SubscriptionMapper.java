package com.billrun.store;

import com.billrun.core.BillingPeriod;
import com.billrun.core.BillingTiming;
import com.billrun.core.Charge;
import com.billrun.core.ChargeType;
import com.billrun.core.Discount;
import com.billrun.core.PricingModel;
import com.billrun.core.Subscription;
import com.billrun.core.Tier;
import com.billrun.store.dynamodb.Item;
import com.billrun.store.dynamodb.ItemReader;
import com.billrun.store.dynamodb.Keys;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A {@link StoredSubscription} to and from its item. The charges' definitions are a list; their charged-through
 * dates live apart in a map {@code chargedThrough} (chargeId → date, absent = never billed), so that a run can set
 * one charge's date by name ({@code chargedThrough.#charge}) without rewriting, or racing on, the whole list.
 */
final class SubscriptionMapper {

    static final String CHARGED_THROUGH = "chargedThrough";
    static final String VERSION = "version";
    static final String ACCOUNT_ID = "accountId";
    static final String SUBSCRIPTION_ID = "subscriptionId";

    private SubscriptionMapper() {
    }

    static Map<String, AttributeValue> toItem(String tenantId, StoredSubscription stored) {
        Subscription subscription = stored.subscription();
        Map<String, AttributeValue> chargedThrough = new LinkedHashMap<>();
        for (Charge charge : subscription.charges()) {
            if (charge.chargedThroughDate() != null) {
                chargedThrough.put(charge.id(), AttributeValue.fromS(charge.chargedThroughDate().toString()));
            }
        }
        return Item.at(Keys.subscription(tenantId, stored.accountId(), subscription.id()))
                .string("subscriptionId", subscription.id())
                .string("accountId", stored.accountId())
                .date("startDate", subscription.startDate())
                .date("endDate", subscription.endDate())
                .maps("charges", subscription.charges().stream().map(SubscriptionMapper::charge).toList())
                .map(CHARGED_THROUGH, chargedThrough)
                .number(VERSION, stored.version())
                .build();
    }

    /**
     * The subscription's reference item: its GSI1 key ("subscription by id") and the account that holds it. The
     * subscription item itself carries no index key, so the charged-through updates of every run rewrite no index
     * entry (the index projects ALL). Written with the subscription, never changed.
     */
    static Map<String, AttributeValue> referenceItem(String tenantId, String accountId, String subscriptionId) {
        return Item.at(Keys.subscriptionReference(tenantId, accountId, subscriptionId))
                .index1(Keys.subscriptionIndex(tenantId, subscriptionId), "SUB")
                .string(ACCOUNT_ID, accountId)
                .string(SUBSCRIPTION_ID, subscriptionId)
                .build();
    }

    static StoredSubscription fromItem(ItemReader item) {
        Map<String, AttributeValue> chargedThrough = item.map(CHARGED_THROUGH);
        var charges = item.maps("charges").stream().map(charge -> {
            AttributeValue date = chargedThrough.get(charge.string("chargeId"));
            return charge(charge, date == null ? null : LocalDate.parse(date.s()));
        }).toList();
        return new StoredSubscription(item.string("accountId"), new Subscription(item.string("subscriptionId"),
                item.date("startDate"), item.date("endDate"), charges), item.numberOrZero(VERSION));
    }

    static Map<String, AttributeValue> charge(Charge charge) {
        return Item.nested().string("chargeId", charge.id())
                .string("name", charge.name())
                .string("type", name(charge.type()))
                .string("model", name(charge.model()))
                .amount("price", charge.price())
                .maps("tiers", charge.tiers().stream().map(tier -> Item.nested().amount("upTo", tier.upTo())
                        .amount("unitPrice", tier.unitPrice()).build()).toList())
                .amount("quantity", charge.quantity())
                .string("billingPeriod", name(charge.billingPeriod()))
                .string("billingTiming", name(charge.billingTiming()))
                .date("startDate", charge.startDate())
                .map("discount", charge.discount() == null ? null : Item.nested()
                        .amount("percent", charge.discount().percent())
                        .amount("amount", charge.discount().amount())
                        .integer("periods", charge.discount().periods()).build())
                .bool("taxable", charge.taxable())
                .build();
    }

    private static Charge charge(ItemReader item, LocalDate chargedThrough) {
        Discount discount = item.has("discount") ? discount(ItemReader.of(item.map("discount"))) : null;
        return new Charge(item.string("chargeId"), item.string("name"), item.enumValue("type", ChargeType.class),
                item.enumValue("model", PricingModel.class), item.amount("price"),
                item.maps("tiers").stream().map(t -> new Tier(t.amount("upTo"), t.amount("unitPrice"))).toList(),
                item.amount("quantity"), item.enumValue("billingPeriod", BillingPeriod.class),
                item.enumValue("billingTiming", BillingTiming.class), item.date("startDate"), discount,
                item.bool("taxable"), chargedThrough);
    }

    private static Discount discount(ItemReader item) {
        return new Discount(item.amount("percent"), item.amount("amount"), item.integer("periods"));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
